package com.example.systemtests;

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
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both services in one JVM, each started by its own {@code Main.start} with its own configuration:
 * products reaches payments only through the configured {@code PAYMENTS_BASE_URI}. What products
 * answers when payments is stopped or slow is the system tests' (PaymentsFailureSystemIT,
 * SlowPaymentsSystemIT), through the packaged jars as configured.
 */
class ProductsThroughPaymentsIT {

    private static InProcessServices services;

    @BeforeAll
    static void startServices() {
        services = InProcessServices.start("products-through-payments", Map.of());
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void productsServesPaymentsDataThroughTheConfiguredBaseUri() throws Exception {
        JsonNode viaProducts = json(client(services.products())
                .get("/api/1.0/payments")
                .queryParam("limit", "5")
                .request(String.class));
        JsonNode direct = json(client(services.payments())
                .get("/metaapi/1.0/payments")
                .queryParam("limit", "5")
                .request(String.class));

        assertThat(viaProducts.path("items").size(), is(5));
        assertThat(viaProducts, is(direct));
    }

    @Test
    void paymentCreatedThroughProductsExistsInPayments() throws Exception {
        var created = client(services.products())
                .post("/api/1.0/payments")
                .header(HeaderNames.create("Idempotency-Key"), "system-1")
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .submit("{\"amount\":\"12.34\",\"currency\":\"EUR\"}", String.class);
        String id = json(created).path("id").asText();

        assertThat(created.status(), is(Status.CREATED_201));
        assertThat(
                json(client(services.payments())
                                .get("/metaapi/1.0/payments/" + id)
                                .request(String.class))
                        .path("amount")
                        .asText(),
                is("12.34"));
    }

    private static WebClient client(WebServer server) {
        return WebClient.builder()
                .baseUri("http://localhost:" + server.port())
                .addHeader(HeaderNames.AUTHORIZATION, SystemIssuer.bearer())
                .build();
    }

    private static JsonNode json(ClientResponseTyped<String> response) throws Exception {
        assertThat(response.entity(), response.status().code(), lessThan(300));
        return Json.mapper().readTree(response.entity());
    }
}
