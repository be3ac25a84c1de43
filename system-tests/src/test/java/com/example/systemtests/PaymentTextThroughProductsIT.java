package com.example.systemtests;

import static com.example.support.testing.JsonText.escaped;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.example.support.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * products and payments agree on every description: products relays what payments stores exactly
 * (and reads it back unchanged), and answers what payments refuses with the same status naming the
 * same field. Both services in one JVM, payments over a real PostgreSQL.
 */
class PaymentTextThroughProductsIT {

    private static final AtomicInteger KEYS = new AtomicInteger();

    private static InProcessServices services;

    @BeforeAll
    static void startServices() {
        services = InProcessServices.start("payment-text", Map.of());
    }

    @AfterAll
    static void stopServices() {
        if (services != null) {
            services.close();
        }
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
    void productsAnswersEveryDescriptionAsPaymentsDoes(String name, String description, int status) throws Exception {
        JsonNode direct = create(services.payments(), "/metaapi/1.0/payments", description, status);
        JsonNode relayed = create(services.products(), "/api/1.0/payments", description, status);

        if (status == 201) {
            JsonNode readBack = Json.mapper()
                    .readTree(client(services.products())
                            .get("/api/1.0/payments/" + relayed.path("id").asText())
                            .request(String.class)
                            .entity());
            assertThat(readBack.path("description").asText(), is(description));
            assertThat(direct.path("description").asText(), is(description));
        } else {
            assertThat(relayed.path("errors"), is(direct.path("errors")));
            assertThat(relayed.path("errors").get(0).path("name").asText(), is("/description"));
        }
    }

    private static JsonNode create(WebServer service, String path, String description, int status) throws Exception {
        var response = client(service)
                .post(path)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.create("Idempotency-Key"), "text-" + KEYS.incrementAndGet())
                .submit(
                        "{\"amount\":\"1.00\",\"currency\":\"EUR\",\"description\":" + escaped(description) + "}",
                        String.class);
        assertThat(path + " " + response.entity(), response.status().code(), is(status));
        return Json.mapper().readTree(response.entity());
    }

    private static WebClient client(WebServer server) {
        return WebClient.builder()
                .baseUri("http://localhost:" + server.port())
                .addHeader(HeaderNames.AUTHORIZATION, SystemIssuer.bearer())
                .build();
    }
}
