package com.example.products;

import com.example.products.api.PaymentsEndpoint;
import com.example.products.api.ProductsEndpoint;
import com.example.products.auth.AuthSettings;
import com.example.products.auth.BearerAuthentication;
import com.example.products.auth.JwksTokenVerifier;
import com.example.products.auth.OperationSecurity;
import com.example.products.auth.TokenVerifier;
import com.example.products.auth.VerifiedTokenCache;
import com.example.products.catalog.InMemoryProductCatalog;
import com.example.products.catalog.ProductCatalog;
import com.example.products.deprecation.DeprecatedParts;
import com.example.products.deprecation.DeprecationSignals;
import com.example.products.docs.ReferencePage;
import com.example.products.openapi.OpenApiDocument;
import com.example.products.payments.HttpPaymentsGateway;
import com.example.products.payments.PaymentsClientSettings;
import com.example.products.payments.PaymentsGateway;
import com.example.support.ServiceServer;
import com.example.support.Tracing;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/**
 * Starts the products service.
 */
public final class Main {

    private static final System.Logger LOGGER = System.getLogger(Main.class.getName());

    /** The OpenAPI document products serves at /openapi (server.features.openapi.static-file). */
    private static final String SPEC = "META-INF/openapi/products.yaml";

    /** The reference page rendered from the spec at build time (products' pom, {@code build-docs}). */
    private static final String DOCS = "META-INF/docs/products.html";

    private Main() {}

    /**
     * Starts the server with {@code application.yaml}, overridden by system properties and the environment.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        WebServer server;
        try {
            server = start(config);
        } catch (AuthSettings.InvalidSettingException e) {
            // One clear line, not a stack trace: the operator's fix is a setting.
            LOGGER.log(System.Logger.Level.ERROR, "products cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        LOGGER.log(
                System.Logger.Level.INFO,
                "products listening on http://localhost:" + server.port() + "/api/1.0, calling payments at "
                        + config.get("payments.base.uri").asString().orElse("?"));
    }

    /**
     * Starts products with the given configuration: the seam for tests that start the real service.
     *
     * @param config the root configuration
     * @return the started server
     */
    public static WebServer start(Config config) {
        return start(config, Tracing.fromEnvironment("products"));
    }

    /**
     * Starts products with the given configuration and tracing.
     *
     * @param config  the root configuration
     * @param tracing makes the server spans and the client spans of calls to payments
     * @return the started server
     */
    public static WebServer start(Config config, Tracing tracing) {
        TokenVerifier tokens =
                new VerifiedTokenCache(JwksTokenVerifier.create(AuthSettings.from(config.get("products.auth"))));
        PaymentsGateway payments =
                HttpPaymentsGateway.create(PaymentsClientSettings.from(config.get("payments")), tracing);
        return ServiceServer.start(
                config.get("server"),
                routing -> routing(routing, tracing, InMemoryProductCatalog.sample(), payments, tokens));
    }

    /**
     * The service's routes, for the server and for tests.
     *
     * @param routing  the routing builder
     * @param tracing  makes the server spans
     * @param catalog  the product catalogue
     * @param payments the payments service
     * @param tokens   verifies the callers' access tokens
     */
    public static void routing(
            HttpRouting.Builder routing,
            Tracing tracing,
            ProductCatalog catalog,
            PaymentsGateway payments,
            TokenVerifier tokens) {
        // The scopes each operation needs come from the served spec itself, never from a list kept here.
        OpenApiDocument spec = OpenApiDocument.fromClasspath(SPEC);
        ServiceServer.routing(
                routing,
                tracing,
                api -> api.addFilter(new BearerAuthentication(tokens, OperationSecurity.of(spec)))
                        // After authentication, so that each deprecated call is counted per client id.
                        .addFilter(new DeprecationSignals(
                                DeprecatedParts.of(spec), ReferencePage.PATH, Services.get(MeterRegistry.class)))
                        .register(PaymentsEndpoint.PATH, new PaymentsEndpoint(payments))
                        .register(ProductsEndpoint.PATH, new ProductsEndpoint(catalog))
                        .register(ReferencePage.PATH, ReferencePage.fromClasspath(DOCS)));
    }
}
