package com.example.systemtests;

import static com.example.support.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.example.support.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both services in one JVM, each started by its own {@code Main.start} with its own configuration:
 * products reaches payments only through the configured {@code PAYMENTS_BASE_URI}.
 */
class ProductsThroughPaymentsIT {

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

        assertProblem(response, 503);
        assertThat(took, lessThan(Duration.ofSeconds(2)));
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
                    Thread.sleep(Duration.ofSeconds(5));
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
            assertThat("read timeout is 2 s (application.yaml)", took, lessThan(Duration.ofMillis(3000)));
        } finally {
            slowPayments.stop();
        }
    }

    private void startPayments() {
        payments = com.example.payments.Main.start(
                ServiceConfig.of(com.example.payments.Main.class, Map.of("SERVER_PORT", "0")));
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
