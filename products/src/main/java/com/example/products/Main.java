package com.example.products;

import com.example.products.api.PaymentsEndpoint;
import com.example.products.api.ProductsEndpoint;
import com.example.products.catalog.InMemoryProductCatalog;
import com.example.products.catalog.ProductCatalog;
import com.example.products.payments.HttpPaymentsGateway;
import com.example.products.payments.PaymentsClientSettings;
import com.example.products.payments.PaymentsGateway;
import com.example.support.ServiceServer;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/**
 * Starts the products service.
 */
public final class Main {

    private static final System.Logger LOGGER = System.getLogger(Main.class.getName());

    private Main() {}

    /**
     * Starts the server with {@code application.yaml}, overridden by system properties and the environment.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        WebServer server = start(config);
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
        PaymentsGateway payments = HttpPaymentsGateway.create(PaymentsClientSettings.from(config.get("payments")));
        return ServiceServer.start(
                config.get("server"), routing -> routing(routing, InMemoryProductCatalog.sample(), payments));
    }

    /**
     * The service's routes, for the server and for tests.
     *
     * @param routing  the routing builder
     * @param catalog  the product catalogue
     * @param payments the payments service
     */
    public static void routing(HttpRouting.Builder routing, ProductCatalog catalog, PaymentsGateway payments) {
        ServiceServer.routing(
                routing,
                api -> api.register(PaymentsEndpoint.PATH, new PaymentsEndpoint(payments))
                        .register(ProductsEndpoint.PATH, new ProductsEndpoint(catalog)));
    }
}
