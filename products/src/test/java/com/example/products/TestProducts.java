package com.example.products;

import com.example.products.auth.JwksTokenVerifier;
import com.example.products.auth.TokenVerifier;
import com.example.products.catalog.InMemoryProductCatalog;
import com.example.products.payments.HttpPaymentsGateway;
import com.example.products.payments.PaymentsClientSettings;
import com.example.support.ServiceServer;
import com.example.support.Tracing;
import com.example.support.testing.TestTokens;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import java.net.URI;

/** products' real server and routing for a test, on a random port, with payments and the issuer the test chooses. */
public final class TestProducts {

    private TestProducts() {}

    /** Starts products as below, with its real verifier trusting the keys of a test issuer. */
    public static WebServer start(URI payments, TestTokens issuer) {
        return start(
                payments,
                new JwksTokenVerifier(
                        TestTokens.ISSUER, TestTokens.AUDIENCE, new ImmutableJWKSet<>(issuer.publicKeys())));
    }

    /**
     * Starts products with its server settings from {@code application.yaml}, the sample catalog, its
     * real gateway to {@code payments} (a stub the test plays) and the {@code verifier} it trusts.
     */
    public static WebServer start(URI payments, TokenVerifier verifier) {
        var gateway = HttpPaymentsGateway.create(
                PaymentsClientSettings.builder().baseUri(payments).build());
        Config server = Config.just(ConfigSources.classpath("application.yaml")).get("server");
        return ServiceServer.configure(WebServer.builder(), server)
                .port(0)
                .routing(routing ->
                        Main.routing(routing, Tracing.disabled(), InMemoryProductCatalog.sample(), gateway, verifier))
                .build()
                .start();
    }
}
