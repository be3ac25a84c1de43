package com.example.systemtests;

import static com.example.support.testing.JsonText.escaped;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.example.support.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * products and payments agree: products, configured with payments' address, answers a page of
 * payments exactly as payments lists it, relays every description as payments stores it (and reads
 * it back unchanged), and answers what payments refuses with the same status naming the same field.
 * Both packaged services, payments over a real PostgreSQL, without the load balancer.
 */
class ProductsThroughPaymentsIT {

    private static final AtomicInteger KEYS = new AtomicInteger();

    private static List<ServiceProcess> services;
    private static WebClient payments;
    private static WebClient products;

    @BeforeAll
    static void startServices() {
        services = ServiceProcess.paymentsAndProducts("products-through-payments");
        payments = client(services.getFirst());
        products = client(services.getLast());
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.forEach(ServiceProcess::close);
        }
    }

    @Test
    void answersAPageOfPaymentsAsPaymentsListsIt() throws IOException {
        JsonNode viaProducts =
                json(products.get("/api/1.0/payments").queryParam("limit", "5").request(String.class), 200);
        JsonNode direct = json(
                payments.get("/metaapi/1.0/payments").queryParam("limit", "5").request(String.class), 200);

        assertThat(viaProducts.path("items").size(), is(5));
        assertThat(viaProducts, is(direct));
    }

    static Stream<Arguments> descriptions() {
        return Stream.of(
                Arguments.of("NUL", "a\u0000b", 422),
                Arguments.of("escape", "\u001b[31m", 422),
                Arguments.of("a C1 control character", "\u0085", 422),
                Arguments.of("a lone high surrogate", "a\ud800", 422),
                Arguments.of("a lone low surrogate", "\udc00b", 422),
                Arguments.of("501 characters", "x".repeat(501), 422),
                Arguments.of("tab and line breaks", "a\tb\r\nc", 201),
                Arguments.of("500 emoji", "\ud83d\ude00".repeat(500), 201),
                Arguments.of("the highest code point", "\udbff\udfff", 201),
                Arguments.of("separators and byte order mark", "\u2028\u2029\ufeff", 201));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("descriptions")
    void answersEveryDescriptionAsPaymentsDoes(String name, String description, int status) throws IOException {
        JsonNode direct = create(payments, "/metaapi/1.0/payments", description, status);
        JsonNode relayed = create(products, "/api/1.0/payments", description, status);

        if (status == 201) {
            String id = relayed.path("id").asText();
            JsonNode readBack = json(products.get("/api/1.0/payments/" + id).request(String.class), 200);
            assertThat(readBack.path("description").asText(), is(description));
            assertThat(direct.path("description").asText(), is(description));
            // What products created is in payments, field for field.
            assertThat(
                    readBack,
                    is(json(payments.get("/metaapi/1.0/payments/" + id).request(String.class), 200)));
        } else {
            assertThat(relayed.path("errors"), is(direct.path("errors")));
            assertThat(relayed.path("errors").get(0).path("name").asText(), is("/description"));
        }
    }

    private static JsonNode create(WebClient service, String path, String description, int status) throws IOException {
        return json(
                service.post(path)
                        .header(HeaderNames.CONTENT_TYPE, "application/json")
                        .header(HeaderNames.create("Idempotency-Key"), "text-" + KEYS.incrementAndGet())
                        .submit(
                                "{\"amount\":\"1.00\",\"currency\":\"EUR\",\"description\":" + escaped(description)
                                        + "}",
                                String.class),
                status);
    }

    private static JsonNode json(ClientResponseTyped<String> response, int status) throws IOException {
        assertThat(response.entity(), response.status().code(), is(status));
        return Json.mapper().readTree(response.entity());
    }

    private static WebClient client(ServiceProcess service) {
        return WebClient.builder()
                .baseUri(service.baseUri())
                .addHeader(HeaderNames.AUTHORIZATION, SystemIssuer.bearer())
                .build();
    }
}
