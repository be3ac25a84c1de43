package com.example.payments.api;

import static com.example.support.ProblemType.INVALID_PARAMETERS;
import static com.example.support.ProblemType.MALFORMED_BODY;
import static com.example.support.ProblemType.VALIDATION_FAILED;
import static com.example.support.testing.ClientResponses.header;
import static com.example.support.testing.JsonText.escaped;
import static com.example.support.testing.ProblemAssertions.assertProblem;
import static com.example.support.testing.ProblemAssertions.assertProblemAs;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.example.payments.Main;
import com.example.payments.client.ApiClient;
import com.example.payments.client.ApiResponse;
import com.example.payments.client.api.PaymentsApi;
import com.example.payments.client.api.PaymentsApiImpl;
import com.example.payments.client.model.NewPayment;
import com.example.payments.client.model.Payment;
import com.example.payments.client.model.PaymentPage;
import com.example.payments.client.model.PaymentStatus;
import com.example.payments.store.DatabaseSettings;
import com.example.payments.store.TestDatabases;
import com.example.support.Json;
import com.example.support.ProblemType;
import com.example.support.Tracing;
import com.example.support.testing.BadQueries;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The real payments server on a random port, started by {@link Main#start} over a real PostgreSQL,
 * driven by the client generated from the same spec (happy paths) and by a raw client (every kind
 * of bad input), traced into an in-memory exporter.
 */
class PaymentsApiIT {

    private static final String PAYMENTS = "/metaapi/1.0/payments";
    private static final String JSON = MediaTypes.APPLICATION_JSON.text();
    private static final String VALID = "{\"amount\":\"1.00\",\"currency\":\"EUR\"}";
    private static final String CALLER_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    private static DatabaseSettings database;
    private static WebServer server;
    private static WebClient http;
    private static PaymentsApi api;

    @BeforeAll
    static void startServer() {
        // payments as main starts it: PostgreSQL (a new database, migrated at start) with sample data.
        database = TestDatabases.fresh();
        Tracing tracing = Tracing.of(OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build());
        server = Main.start(TestDatabases.config(database, Map.of("payments.store.sample.data", "true")), tracing);
        URI base = URI.create("http://localhost:" + server.port());
        http = WebClient.builder().baseUri(base).build();
        api = PaymentsApiImpl.create(ApiClient.builder()
                .webClientBuilder(WebClient.builder().baseUri(base).mediaContext(Json.mediaContext()))
                .build());
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @Test
    void listsNewestFirstWithDefaultLimitOf20() {
        PaymentPage page = ok(api.listPayments(null, null, null));

        assertThat(
                page.getItems().stream().map(Payment::getId).toList(),
                is(idsNewestFirst().subList(0, 20)));
        assertThat(page.getNextCursor(), not(nullValue()));
    }

    @Test
    void pagesThroughEveryPaymentOnceByCursor() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            PaymentPage page = ok(api.listPayments(null, 6, cursor));
            page.getItems().forEach(p -> ids.add(p.getId()));
            cursor = page.getNextCursor();
        } while (cursor != null);

        assertThat(ids, is(idsNewestFirst()));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 100})
    void acceptsLimitAtBothBounds(int limit) {
        PaymentPage page = ok(api.listPayments(null, limit, null));

        assertThat(page.getItems().size(), is(Math.min(limit, countAll())));
    }

    @Test
    void createsPaymentAtLocationOncePerIdempotencyKey() {
        NewPayment request = new NewPayment().amount("42.00").currency("EUR").description("create once");

        ApiResponse<Payment> created = api.createPayment("it-create-1", request);
        Payment payment = created.result();
        ApiResponse<Payment> replayed = api.createPayment("it-create-1", request);

        assertThat(created.webClientResponse().status().code(), is(201));
        assertThat(header(created.webClientResponse(), "Location"), is(PAYMENTS + "/" + payment.getId()));
        assertThat(header(created.webClientResponse(), "Idempotent-Replayed"), is("false"));
        assertThat(payment.getStatus(), is(PaymentStatus.PENDING));
        assertThat(replayed.webClientResponse().status().code(), is(201));
        assertThat(header(replayed.webClientResponse(), "Idempotent-Replayed"), is("true"));
        assertThat(replayed.result().getId(), is(payment.getId()));
        assertThat(ok(api.getPayment(payment.getId())).getAmount(), is("42.00"));
    }

    @Test
    void rejectsIdempotencyKeyReusedWithAnotherBodyWith422() {
        api.createPayment("it-reuse-1", new NewPayment().amount("1.00").currency("EUR"))
                .result();

        var response = post("it-reuse-1", JSON, "{\"amount\":\"2.00\",\"currency\":\"EUR\"}");

        assertThat(
                assertProblem(response, ProblemType.IDEMPOTENCY_KEY_REUSED)
                        .path("detail")
                        .asText(),
                containsString("Idempotency-Key"));
    }

    static Stream<Arguments> badQueries() {
        Stream<Arguments> shared = BadQueries.ALL.stream().map(query -> Arguments.of(query.name(), query.value()));
        // Each kind of cursor payments did not issue is CursorTest's.
        return Stream.concat(
                shared, Stream.of(Arguments.of("cursor", "not-a-cursor"), Arguments.of("cursor", "a".repeat(513))));
    }

    @ParameterizedTest
    @MethodSource("badQueries")
    void answersBadQueryWith400NamingTheParameter(String parameter, String value) {
        JsonNode problem = assertProblem(
                http.get(PAYMENTS).queryParam(parameter, value).request(String.class), INVALID_PARAMETERS);

        assertThat(problem.path("errors").get(0).path("name").asText(), is(parameter));
    }

    /** Each request the API has no operation or no payment for, its problem, and what its detail names. */
    @ParameterizedTest
    @CsvSource({
        "GET, /metaapi/1.0/payments/pay_nope, 404, pay_nope",
        "GET, /metaapi/1.0/payments/x, 404, x",
        "GET, /metaapi/1.0/payments/pay.1, 400, paymentId: must match",
        "GET, /metaapi/1.0/payments/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, 400, paymentId: must have at most 64 characters",
        "GET, /metaapi/1.0/refunds, 404, No resource at GET /metaapi/1.0/refunds",
        "DELETE, /metaapi/1.0/payments, 405, DELETE",
        "PUT, /metaapi/1.0/payments/pay_sample_01, 405, PUT"
    })
    void answersUnknownPaymentPathOrMethodWithProblem(Method method, String path, int status, String detail) {
        var response = http.method(method).path(path).request(String.class);

        JsonNode problem = assertProblemAs(response, status == 400 ? INVALID_PARAMETERS : status);
        assertThat(problem.path("detail").asText() + problem.path("errors"), containsString(detail));
        if (method == Method.DELETE) {
            assertThat(response.headers().first(HeaderNames.ALLOW).orElseThrow(), is("GET, POST"));
        }
    }

    static Stream<Arguments> badCreates() {
        return Stream.of(
                Arguments.of(null, JSON, VALID, INVALID_PARAMETERS, "Idempotency-Key"),
                Arguments.of("k".repeat(256), JSON, VALID, INVALID_PARAMETERS, "Idempotency-Key"),
                Arguments.of("bad-1", "text/plain", "amount=1.00", 415, "application/json"),
                Arguments.of("bad-2", JSON, "", MALFORMED_BODY, "body is required"),
                Arguments.of("bad-3", JSON, "{\"amount\": ", MALFORMED_BODY, "not well-formed JSON"),
                Arguments.of("bad-4", JSON, "[1,2]", MALFORMED_BODY, "wrong type"),
                Arguments.of(
                        "bad-5", JSON, "{\"amount\":{\"value\":1},\"currency\":\"EUR\"}", MALFORMED_BODY, "/amount"),
                // Exactly as typed: a number where the spec says string is not coerced (each JSON type: JsonTest).
                Arguments.of("bad-5a", JSON, "{\"amount\":19.99,\"currency\":\"EUR\"}", MALFORMED_BODY, "/amount"),
                // One invalid payment: each rule of the domain's validation is NewPaymentTest's.
                Arguments.of("bad-6", JSON, "{}", VALIDATION_FAILED, "not valid"),
                // A description the database cannot hold exactly, as it arrives over HTTP (each control
                // character and surrogate is StoredTextTest's): NUL, a lone surrogate, 501 characters.
                Arguments.of("bad-7", JSON, withDescription("a\u0000b"), VALIDATION_FAILED, "/description"),
                Arguments.of("bad-8", JSON, withDescription("a\ud800b"), VALIDATION_FAILED, "/description"),
                Arguments.of("bad-9", JSON, withDescription("x".repeat(501)), VALIDATION_FAILED, "/description"),
                Arguments.of(
                        "bad-10", JSON, withDescription("\ud83d\ude00".repeat(501)), VALIDATION_FAILED, "/description"),
                Arguments.of(
                        "bad-11",
                        JSON,
                        VALID.replace("}", ",\"pad\":\"" + "p".repeat(70_000) + "\"}"),
                        413,
                        "Too Large"));
    }

    @ParameterizedTest
    @MethodSource("badCreates")
    void answersBadCreateWithProblemAndCreatesNothing(
            String key, String contentType, String body, Object typeOrStatus, String detail) {
        int before = countAll();

        JsonNode problem = assertProblemAs(post(key, contentType, body), typeOrStatus);

        assertThat(problem.path("detail").asText() + problem.path("errors"), containsString(detail));
        assertThat(countAll(), is(before));
    }

    /** Texts that PostgreSQL stores exactly, sent with {@code \}{@code u} escapes as a JSON client can send them. */
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
        var created = post("text-" + UUID.randomUUID(), JSON, withDescription(description));
        assertThat(created.entity(), created.status().code(), is(201));
        String id = Json.mapper().readTree(created.entity()).path("id").asText();

        assertThat(ok(api.getPayment(id)).getDescription(), is(description));
    }

    /** A caller's X-Request-Id is echoed when it is safe to log, and replaced by a new UUID when missing or not. */
    @ParameterizedTest
    @CsvSource(
            nullValues = "none",
            value = {"req-123, req-123", "none, [0-9a-f-]{36}", "'a b', [0-9a-f-]{36}"})
    void echoesSafeRequestIdOrGeneratesOneAndEchoesTheTraceId(String sent, String expected) {
        String trace = "Root=1-67890abc-0123456789abcdef01234567";
        HttpClientRequest request =
                http.get(PAYMENTS).queryParam("limit", "1").header(HeaderNames.create("X-Amzn-Trace-Id"), trace);
        if (sent != null) {
            request.header(HeaderNames.create("X-Request-Id"), sent);
        }
        var response = request.request(String.class);

        assertThat(response.status().code(), is(200));
        String requestId =
                response.headers().first(HeaderNames.create("X-Request-Id")).orElseThrow();
        assertThat(requestId, requestId.matches(expected), is(true));
        assertThat(
                response.headers().first(HeaderNames.create("X-Amzn-Trace-Id")).orElseThrow(), is(trace));
    }

    @Test
    void makesASpanForEachStatementUnderTheServerSpanThatContinuesTheCallersTrace() throws Exception {
        String body = http.get(PAYMENTS + "/pay_missing")
                .header(HeaderNames.create("traceparent"), "00-" + CALLER_TRACE + "-b7ad6b7169203331-01")
                .request(String.class)
                .entity();

        SpanData server = await("a server span in the caller's trace")
                .atMost(Duration.ofSeconds(5))
                .until(() -> spansOfTheCallersTrace(SpanKind.SERVER), not(empty()))
                .getFirst();
        assertThat(server.getAttributes().get(AttributeKey.stringKey("http.route")), is(PAYMENTS + "/{paymentId}"));
        assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code")), is(404L));
        assertThat(Json.mapper().readTree(body).path("traceId").asText(), is(CALLER_TRACE));
        // Each statement is a span of OpenTelemetry's JDBC instrumentation, a child of the server span.
        List<SpanData> statements = spansOfTheCallersTrace(SpanKind.CLIENT);
        assertThat(SPANS.getFinishedSpanItems().toString(), statements, not(empty()));
        assertThat(
                statements.toString(),
                statements.stream().map(SpanData::getParentSpanId).toList(),
                everyItem(is(server.getSpanId())));
        assertThat(
                statements.stream()
                        .map(span -> span.getAttributes().get(AttributeKey.stringKey("db.system")))
                        .toList(),
                everyItem(is("postgresql")));
    }

    /** The spans of the traced request only: other tests' spans may still be arriving. */
    private static List<SpanData> spansOfTheCallersTrace(SpanKind kind) {
        return SPANS.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == kind && span.getTraceId().equals(CALLER_TRACE))
                .toList();
    }

    @Test
    void exportsMetrics() {
        var metrics = http.get("/observe/metrics").request(String.class);

        assertThat(metrics.status().code(), is(200));
        assertThat(metrics.entity(), containsString("requests_count"));
    }

    @Test
    void servesItsOwnSpecAtOpenapi() throws Exception {
        var spec = http.get("/openapi").request(String.class);

        assertThat(spec.status().code(), is(200));
        Object served = new Yaml().load(spec.entity());
        Object source = new Yaml().load(Files.readString(Path.of("../api-specs/payments.yaml")));
        assertThat("/openapi differs from api-specs/payments.yaml", served.equals(source), is(true));
    }

    private ClientResponseTyped<String> post(String key, String contentType, String body) {
        HttpClientRequest request = http.post(PAYMENTS).header(HeaderNames.CONTENT_TYPE, contentType);
        if (key != null) {
            request.header(HeaderNames.create("Idempotency-Key"), key);
        }
        return body.isEmpty() ? request.request(String.class) : request.submit(body, String.class);
    }

    private static String withDescription(String description) {
        return "{\"amount\":\"1.00\",\"currency\":\"EUR\",\"description\":" + escaped(description) + "}";
    }

    /** Every payment's id, newest first, as the database holds them (not through the API under test). */
    private static List<String> idsNewestFirst() {
        return TestDatabases.sql(database, "SELECT id FROM payment ORDER BY created_at DESC, id DESC");
    }

    private static int countAll() {
        return idsNewestFirst().size();
    }

    private static <T> T ok(ApiResponse<T> response) {
        assertThat(response.webClientResponse().status().code(), is(200));
        return response.result();
    }
}
