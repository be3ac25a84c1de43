package com.example.products.payments;

import static com.example.products.payments.StubPayments.answer;
import static com.example.products.payments.StubPayments.uri;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.example.products.TestProducts;
import com.example.support.Json;
import com.example.support.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * products as a tolerant reader: the real products server and gateway in front of a stub payments
 * that answers with what a newer payments could send, a value {@code payments.yaml} does not list in
 * every field it enumerates and fields it does not have. products must answer what {@code
 * products.yaml} promises (an extensible status is passed on as it is; fields products does not know
 * are dropped), never a 502. Each case is a row of {@code target/tolerant-reader.md}.
 */
class TolerantReaderIT {

    private static final TestTokens TOKENS = TestTokens.generate();
    private static final List<String> TABLE = new ArrayList<>();

    @RegisterExtension
    static final WireMockExtension payments = StubPayments.server();

    private WebServer server;
    private WebClient http;

    @BeforeEach
    void startProducts() {
        server = TestProducts.start(uri(payments), TOKENS);
        http = WebClient.builder()
                .baseUri("http://localhost:" + server.port())
                .addHeader(HeaderNames.AUTHORIZATION, "Bearer " + TOKENS.tokenWithAllScopes())
                .build();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @AfterAll
    static void writeTable() throws IOException {
        var lines = new ArrayList<>(List.of(
                "| payments answers (a newer payments) | products is asked | products answers |", "|---|---|---|"));
        lines.addAll(TABLE);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "tolerant-reader.md"), lines, StandardCharsets.UTF_8);
    }

    /** The members every payment below has besides its status, written {@code PAYMENT} in the table. */
    private static final String PAYMENT =
            "\"id\":\"pay_1\",\"amount\":\"1.00\",\"currency\":\"EUR\",\"createdAt\":\"2026-01-01T10:00:00Z\"";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            status DISPUTED, in a page         | GET /api/1.0/payments       | 200 | {"items":[{PAYMENT,"status":"DISPUTED"}]} | /items/0/status | "DISPUTED"
            status DISPUTED, one payment       | GET /api/1.0/payments/pay_1 | 200 | {PAYMENT,"status":"DISPUTED"}             | /status         | "DISPUTED"
            status DISPUTED, a payment created | POST /api/1.0/payments      | 201 | {PAYMENT,"status":"DISPUTED"}             | /status         | "DISPUTED"
            status not in upper case (`on_hold`) | GET /api/1.0/payments/pay_1 | 200 | {PAYMENT,"status":"on_hold"}            | /status         | "on_hold"
            new string field `disputeReason` in a payment | GET /api/1.0/payments/pay_1 | 200 | {PAYMENT,"status":"CAPTURED","disputeReason":"fraud"} | /disputeReason | (absent)
            new object field `refund` with an unknown enum inside | GET /api/1.0/payments/pay_1 | 200 | {PAYMENT,"status":"REFUNDED","refund":{"reason":"CHARGEBACK","at":"2026-01-02"}} | /status | "REFUNDED"
            new array field `tags` and new page field `total` | GET /api/1.0/payments | 200 | {"items":[{PAYMENT,"status":"CAPTURED","tags":["a",1]}],"total":1} | /total | (absent)
            new fields in a 4xx problem (`code`, `retryable`) | GET /api/1.0/payments/pay_1 | 404 | {"title":"Not Found","status":404,"detail":"No payment","code":"P404","retryable":false} | /status | 404
            """)
    void passesOnWhatItDoesNotKnow(
            String change, String request, int status, String paymentsBody, String pointer, String expected) {
        answer(
                payments,
                aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", status >= 400 ? "application/problem+json" : "application/json")
                        .withBody(paymentsBody.replace("PAYMENT", PAYMENT)));

        Answer answer = send(request);

        TABLE.add("| " + change + " | `" + request + "` | " + answer.status() + ", `" + pointer + "` = "
                + answer.at(pointer) + " |");
        assertThat(change, answer.status(), is(status));
        assertThat(change, answer.at(pointer), is(expected));
    }

    private Answer send(String request) {
        String[] parts = request.split(" ", 2);
        var call = http.method(Method.create(parts[0])).path(parts[1]);
        if (parts[0].equals("POST")) {
            call.header(HeaderNames.create("Idempotency-Key"), "key-1")
                    .header(HeaderNames.CONTENT_TYPE, "application/json");
        }
        try (HttpClientResponse response =
                parts[0].equals("POST") ? call.submit("{\"amount\":\"1.00\",\"currency\":\"EUR\"}") : call.request()) {
            return new Answer(response.status().code(), Json.mapper().readTree(response.as(String.class)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Answer(int status, JsonNode body) {
        String at(String pointer) {
            JsonNode node = body.at(pointer);
            return node.isMissingNode() ? "(absent)" : node.toString();
        }
    }
}
