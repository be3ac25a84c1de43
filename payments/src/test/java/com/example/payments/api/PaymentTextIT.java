package com.example.payments.api;

import static com.example.support.testing.JsonText.escaped;
import static com.example.support.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.example.payments.Main;
import com.example.payments.store.TestDatabases;
import com.example.support.Json;
import com.example.support.ProblemType;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every string a client can put into a payment reaches PostgreSQL and comes back exactly as sent, or
 * is refused with a 4xx problem naming the field: the real server over a real database, the body
 * written with {@code \}{@code u} escapes, so that NUL and lone surrogates arrive as a JSON client
 * can send them.
 */
class PaymentTextIT {

    private static final String PAYMENTS = "/metaapi/1.0/payments";
    private static final AtomicInteger KEYS = new AtomicInteger();

    private static WebServer server;
    private static WebClient http;

    @BeforeAll
    static void startServer() {
        server = Main.start(TestDatabases.config(TestDatabases.fresh(), Map.of()));
        http = WebClient.builder().baseUri("http://localhost:" + server.port()).build();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    static Stream<Arguments> storedTexts() {
        return Stream.of(
                Arguments.of("tab, line feed, carriage return", "a\tb\nc\r\nd"),
                Arguments.of("500 ASCII characters, the longest allowed", "x".repeat(500)),
                Arguments.of("500 emoji: 500 characters, 1,000 UTF-16 units", "\ud83d\ude00".repeat(500)),
                Arguments.of("500 two-byte characters", "\u00e9".repeat(500)),
                Arguments.of("the highest code point", "\udbff\udfff"),
                Arguments.of("format and separator characters", "\u200b\u2028\u2029\u202e\ufeff"),
                Arguments.of("non-characters", "\ufffe\uffff"),
                Arguments.of("JSON's own delimiters", "\"\\/{}[]:,"),
                Arguments.of("SQL and markup", "'; DROP TABLE payment; -- <b>&amp;"),
                Arguments.of("the empty string", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storedTexts")
    void storesDescriptionExactlyAsSent(String name, String description) throws Exception {
        ClientResponseTyped<String> created = create(description);
        assertThat(created.entity(), created.status().code(), is(201));
        String id = Json.mapper().readTree(created.entity()).path("id").asText();

        JsonNode stored = Json.mapper()
                .readTree(http.get(PAYMENTS + "/" + id).request(String.class).entity());

        assertThat(stored.path("description").asText(), is(description));
    }

    /** What the database cannot hold, as it arrives over HTTP; each control character and surrogate is StoredTextTest's. */
    static Stream<Arguments> refusedTexts() {
        return Stream.of(
                Arguments.of("NUL, which PostgreSQL text cannot hold", "a\u0000b"),
                Arguments.of("a lone high surrogate", "a\ud800b"),
                Arguments.of("501 characters", "x".repeat(501)),
                Arguments.of("501 emoji", "\ud83d\ude00".repeat(501)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTexts")
    void refusesDescriptionItCannotStoreExactlyWith422NamingTheField(String name, String description) {
        JsonNode problem = assertProblem(create(description), ProblemType.VALIDATION_FAILED);

        assertThat(problem.path("errors").get(0).path("name").asText(), is("/description"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v1|2026-01-01T00:00:00Z|pay\u0000x", // a NUL in the id, for the database's query
                "v1|2026-01-01T00:00:00Z|pay x",
                "v1|+100000-01-01T00:00:00Z|pay_1", // beyond PostgreSQL's timestamptz
                "v1|-5000-01-01T00:00:00Z|pay_1"
            })
    void refusesCursorItDidNotIssueWith400NamingIt(String raw) {
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));

        JsonNode problem = assertProblem(
                http.get(PAYMENTS).queryParam("cursor", cursor).request(String.class), ProblemType.INVALID_PARAMETERS);

        assertThat(problem.path("errors").get(0).path("name").asText(), is("cursor"));
    }

    private static ClientResponseTyped<String> create(String description) {
        return http.post(PAYMENTS)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.create("Idempotency-Key"), "text-" + KEYS.incrementAndGet())
                .submit(
                        "{\"amount\":\"1.00\",\"currency\":\"EUR\",\"description\":" + escaped(description) + "}",
                        String.class);
    }
}
