package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import com.example.support.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A fuzzer driven by the specs: for every parameter, header and body field of every operation of
 * {@code payments.yaml} and {@code products.yaml}, jqwik generates hostile values from the field's
 * schema ({@link HostileValue}) and sends each in an otherwise valid request to the packaged services,
 * payments over its real PostgreSQL and products in front of it; and a corpus of requests no field
 * produces, written byte by byte. Every answer must come within the timeout, be no 5xx, and, when it
 * is a 4xx, be a problem document. A failure is shrunk to the simplest request that shows it.
 */
class SpecFuzzIT {

    /** Requests per service; each is one jqwik try. */
    private static final int TRIES = 1_500;
    /** Far above any answer the services give (products' slowest is two 2 s reads): longer is a hang. */
    private static final Duration HANG = Duration.ofSeconds(10);

    private static final String IDEMPOTENCY = "Idempotency-Key: bad-input-1\r\n";
    private static final String JSON = "Content-Type: application/json\r\n";

    /**
     * One request per entry, {@code METHOD target|headers|body}, {@code {P}} the payments collection of
     * the service under test. The bad list queries, bodies of a wrong type, missing keys, wrong content
     * types and oversized bodies are the services' own API tests' (PaymentsApiIT, ProductsApiIT, on
     * service-support's BadQueries), a malformed chunked body is JsonBodiesChunkedTest's.
     */
    private static final List<String> CORPUS = List.of(
            // encodings no client library sends
            "GET {P}?limit=%ZZ",
            "GET {P}?limit=%00",
            "GET {P}?status=captured%00",
            "GET {P}?cursor=%%%",
            // path traversal and odd ids
            "GET {P}/../../../etc/passwd",
            "GET {P}/..%2f..%2f..%2fetc%2fpasswd",
            "GET /%2e%2e/%2e%2e/etc/passwd",
            "GET {P}/%2e%2e",
            "GET {P}/%00",
            "GET {P}/a%20b",
            "GET {P}/<script>",
            "GET {P}/pay_%0d%0aSet-Cookie:x=1",
            "GET /../../../../etc/passwd",
            "GET {P}/..;/..;/etc/passwd",
            // methods the specs do not have
            "PUT {P}",
            "PATCH {P}",
            "DELETE {P}/pay_sample_1",
            "POST {P}/pay_sample_1",
            "OPTIONS {P}/x/y",
            // a body that is JSON null, one without a content type, none at all
            "POST {P}|" + IDEMPOTENCY + JSON + "|null",
            "POST {P}|" + IDEMPOTENCY + "|{\"amount\":\"1.00\",\"currency\":\"USD\"}",
            "POST {P}|" + IDEMPOTENCY + JSON,
            // huge and malformed headers
            "GET {P}|X-Huge: " + "h".repeat(100_000) + "\r\n",
            "GET {P}|" + "X-Many: 1\r\n".repeat(3_000),
            "GET {P}|No-Colon-Header\r\n",
            "GET {P}|Content-Length: abc\r\n");

    private static final Map<String, Map<Integer, Integer>> STATUSES = new ConcurrentHashMap<>();
    private static ServiceProcess payments;
    private static ServiceProcess products;

    @BeforeContainer
    static void startServices() {
        List<ServiceProcess> services = ServiceProcess.paymentsAndProducts("spec-fuzz");
        payments = services.getFirst();
        products = services.getLast();
    }

    @AfterContainer
    static void stopServices() {
        STATUSES.forEach((service, statuses) -> Figures.print(
                "spec fuzzer, " + service,
                statuses.values().stream().mapToInt(Integer::intValue).sum() + " requests, statuses " + statuses));
        if (payments != null) {
            products.close();
            payments.close();
        }
    }

    @Property(tries = TRIES)
    void paymentsAnswersEveryHostileRequestWithinTimeWithAClientErrorProblemAtWorst(
            @ForAll("payments") HostileRequest request) throws IOException {
        check(payments, request.bytes(null), request.toString());
    }

    @Property(tries = TRIES)
    void productsAnswersEveryHostileRequestWithinTimeWithAClientErrorProblemAtWorst(
            @ForAll("products") HostileRequest request) throws IOException {
        check(products, request.bytes(SystemIssuer.bearer()), request.toString());
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void bothAnswerEveryRequestOfTheCorpusWithAClientErrorProblemAndStayReady(@ForAll("corpus") String entry)
            throws IOException {
        // products' requests carry a valid token, so that they reach its input handling (not a 401).
        String bearer = "Authorization: " + SystemIssuer.bearer() + "\r\n";
        for (RawHttp.Answer answer : List.of(
                check(payments, raw(entry, "/metaapi/1.0/payments", ""), entry),
                check(products, raw(entry, "/api/1.0/payments", bearer), entry))) {
            assertThat(entry + " -> " + answer, answer.status(), greaterThanOrEqualTo(400));
        }
        assertThat(payments.isReady() && products.isReady(), is(true));
    }

    @Provide
    Arbitrary<HostileRequest> payments() {
        return requests("payments.yaml");
    }

    @Provide
    Arbitrary<HostileRequest> products() {
        return requests("products.yaml");
    }

    @Provide
    Arbitrary<String> corpus() {
        return Arbitraries.of(CORPUS);
    }

    private static Arbitrary<HostileRequest> requests(String spec) {
        List<SpecOperation> operations = SpecOperation.read(Repository.file("api-specs/" + spec));
        return Arbitraries.of(operations.stream()
                        .flatMap(operation -> operation.fields().stream().map(field -> Map.entry(operation, field)))
                        .toList())
                .flatMap(target -> HostileValue.of(target.getValue())
                        .map(value -> new HostileRequest(target.getKey(), target.getValue(), value)));
    }

    private static byte[] raw(String entry, String collection, String authorization) {
        String[] parts = entry.replace("{P}", collection).split("\\|", -1);
        String headers = authorization + (parts.length > 1 ? parts[1] : "");
        String body = parts.length > 2 ? parts[2] : "";
        String length = body.isEmpty() ? "" : "Content-Length: " + body.length() + "\r\n";
        String request =
                parts[0] + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + headers + length + "\r\n" + body;
        return request.getBytes(StandardCharsets.UTF_8);
    }

    private static RawHttp.Answer check(ServiceProcess service, byte[] request, String requestShown)
            throws IOException {
        RawHttp.Answer answer = RawHttp.send(service.port(), request, HANG);
        STATUSES.computeIfAbsent(service.name(), s -> new TreeMap<>()).merge(answer.status(), 1, Integer::sum);
        String shown = service.name() + ": " + abbreviate(requestShown) + " -> " + answer + " (its log: "
                + service.log() + ")";
        assertThat("answered within " + HANG + ": " + shown, answer.hung(), is(false));
        assertThat(shown, answer.status(), lessThan(500));
        if (answer.status() >= 400) {
            assertThat(shown, answer.contentType(), startsWith("application/problem+json"));
            assertThat(
                    shown, Json.mapper().readTree(answer.body()).path("status").asInt(), is(answer.status()));
        }
        return answer;
    }

    private static String abbreviate(String text) {
        String line = text.replace("\r", "\\r").replace("\n", "\\n");
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
