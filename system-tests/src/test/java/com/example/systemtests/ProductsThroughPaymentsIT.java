package com.example.systemtests;

import static com.example.support.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.example.support.Json;
import com.example.support.ProblemType;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both services in one JVM, each started by its own {@code Main.start} with its own configuration:
 * products reaches payments only through the configured {@code PAYMENTS_BASE_URI}.
 */
class ProductsThroughPaymentsIT {

    /** How long the slow stand-in for payments takes to answer: well over products' read timeout. */
    private static final Duration SLOW = Duration.ofSeconds(5);

    private WebServer payments;
    private WebServer products;

    @AfterEach
    void stopServices() {
        for (WebServer server : new WebServer[] {products, payments}) {
            if (server != null && server.isRunning()) {
                server.stop();
            }
        }
    }

    @Test
    void productsServesPaymentsDataThroughTheConfiguredBaseUri() throws Exception {
        startPayments();
        startProducts("http://localhost:" + payments.port());

        JsonNode viaProducts = json(client(products)
                .get("/api/1.0/payments")
                .queryParam("limit", "5")
                .request(String.class));
        JsonNode direct = json(client(payments)
                .get("/metaapi/1.0/payments")
                .queryParam("limit", "5")
                .request(String.class));

        assertThat(viaProducts.path("items").size(), is(5));
        assertThat(viaProducts, is(direct));
    }

    @Test
    void paymentCreatedThroughProductsExistsInPayments() throws Exception {
        startPayments();
        startProducts("http://localhost:" + payments.port());

        var created = client(products)
                .post("/api/1.0/payments")
                .header(HeaderNames.create("Idempotency-Key"), "system-1")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"amount\":\"12.34\",\"currency\":\"EUR\"}", String.class);
        String id = json(created).path("id").asText();

        assertThat(created.status(), is(Status.CREATED_201));
        assertThat(
                json(client(payments).get("/metaapi/1.0/payments/" + id).request(String.class))
                        .path("amount")
                        .asText(),
                is("12.34"));
    }

    @Test
    void answers503ProblemQuicklyWhenPaymentsIsStopped() {
        startPayments();
        startProducts("http://localhost:" + payments.port());
        payments.stop();

        long start = System.nanoTime();
        var response = client(products).get("/api/1.0/payments").request(String.class);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertProblem(response, ProblemType.PAYMENTS_UNAVAILABLE);
        // A refused connection fails at once (milliseconds); the bound is what products' timeouts allow
        // its two attempts (2 x connect 1 s, application.yaml) plus 2 s for a busy machine: it never waits longer.
        assertThat(took, lessThan(Duration.ofSeconds(2 * 1 + 2)));
        assertThat(
                "readiness does not depend on payments",
                client(products)
                        .get("/observe/health/ready")
                        .request(String.class)
                        .status(),
                is(Status.NO_CONTENT_204));
    }

    @Test
    void answers504ProblemWithinReadTimeoutWhenPaymentsIsSlow() {
        WebServer slowPayments = WebServer.builder()
                .port(0)
                .routing(routing -> routing.any((req, res) -> {
                    Thread.sleep(SLOW);
                    res.send("{}");
                }))
                .build()
                .start();
        try {
            startProducts("http://localhost:" + slowPayments.port());

            long start = System.nanoTime();
            var response = client(products).get("/api/1.0/payments").request(String.class);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertProblem(response, 504);
            // Cut off by the read timeout (2 s, application.yaml), not answered when payments answered.
            assertThat(took, lessThan(SLOW));
        } finally {
            slowPayments.stop();
        }
    }

    private void startPayments() {
        payments = com.example.payments.Main.start(
                ServiceConfig.of(com.example.payments.Main.class, paymentsEnvironment()));
    }

    private static Map<String, String> paymentsEnvironment() {
        Map<String, String> environment = new HashMap<>(SystemDatabase.freshEnvironment());
        environment.put("SERVER_PORT", "0");
        return environment;
    }

    private void startProducts(String paymentsBaseUri) {
        products = com.example.products.Main.start(ServiceConfig.of(
                com.example.products.Main.class,
                with(SystemIssuer.productsEnvironment(paymentsBaseUri), "SERVER_PORT", "0")));
    }

    private static WebClient client(WebServer server) {
        return WebClient.builder()
                .baseUri("http://localhost:" + server.port())
                .addHeader(HeaderNames.AUTHORIZATION, SystemIssuer.bearer())
                .build();
    }

    private static Map<String, String> with(Map<String, String> environment, String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(environment);
        all.put(name, value);
        return all;
    }

    private static JsonNode json(ClientResponseTyped<String> response) throws Exception {
        assertThat(response.entity(), response.status().code(), lessThan(300));
        return Json.mapper().readTree(response.entity());
    }
}
