package com.example.systemtests;

import static com.example.support.testing.JsonText.escaped;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.example.support.Json;
import com.example.support.ProblemType;
import com.example.support.testing.ExternalProcess;
import com.example.support.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * And a consumer outside Java agrees with products: {@code src/test/node/consumer.ts}, compiled
 * against the client openapi-generator's {@code typescript-fetch} makes from {@code products.yaml},
 * run by Node with development tokens; each call's outcome, typed problems included.
 * Both packaged services, payments over a real PostgreSQL, without the load balancer.
 */
class ProductsThroughPaymentsIT {

    private static final AtomicInteger KEYS = new AtomicInteger();
    private static final Path CONSUMER = Path.of("target/ts-consumer/out/src/test/node/consumer.js");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

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

    @Test
    void aTypeScriptConsumerListsGetsCreatesReplaysAndReadsTypedProblems() throws Exception {
        Map<String, JsonNode> calls = run(
                services.getLast().baseUri(),
                SystemIssuer.token(TestTokens.ALL_SCOPES),
                SystemIssuer.token(List.of("products:read")));
        calls.forEach((call, outcome) -> Figures.print("typescript consumer", outcome.toString()));

        // Every call's outcome in one comparison: the created id as <id>, of a problem its status and type
        // (its title must be there; its wording and the payment's time are the services' own).
        String id = calls.get("create").path("id").asText();
        List<String> outcomes = calls.values().stream()
                .map(outcome -> ((ObjectNode) outcome.deepCopy())
                        .remove(List.of("title", "detail", "createdAt"))
                        .toString()
                        .replace(id, "<id>"))
                .toList();
        assertThat(outcomes, is("""
                {"call":"create","status":201,"id":"<id>","replayed":"false","location":"/api/1.0/payments/<id>"}
                {"call":"replay","status":201,"id":"<id>","replayed":"true"}
                {"call":"list","count":5,"first":"<id>","nextCursor":true}
                {"call":"get","id":"<id>","amount":"19.99","status":"PENDING"}
                {"call":"400 limit=0","status":400,"type":"%1$sinvalid-parameters"}
                {"call":"401 no token","status":401,"type":"about:blank"}
                {"call":"403 read-only token creates","status":403,"type":"%1$sinsufficient-scope"}
                {"call":"404 unknown payment","status":404,"type":"about:blank"}
                {"call":"422 amount zero","status":422,"type":"%1$svalidation-failed"}
                {"call":"422 key reused","status":422,"type":"%1$sidempotency-key-reused"}""".formatted(ProblemType.BASE_URI).lines().toList()));
        calls.values().stream()
                .filter(outcome -> outcome.has("type"))
                .forEach(problem -> assertThat(
                        problem.toString(), problem.path("title").asText().isEmpty(), is(false)));
    }

    /** Runs the consumer; one JSON line per call, keyed by the call's name (other lines are Node's own). */
    private static Map<String, JsonNode> run(String baseUri, String token, String readOnlyToken) throws IOException {
        assertThat("compiled by the build (pre-integration-test)", Files.exists(CONSUMER), is(true));
        ExternalProcess.Finished node = ExternalProcess.run(
                TIMEOUT, new ProcessBuilder("node", CONSUMER.toString(), baseUri, token, readOnlyToken));
        assertThat("node consumer.js exit status; output: " + node.output(), node.exitCode(), is(0));
        Map<String, JsonNode> calls = new LinkedHashMap<>();
        for (String line :
                node.output().lines().filter(line -> line.startsWith("{")).toList()) {
            JsonNode call = Json.mapper().readTree(line);
            calls.put(call.path("call").asText(), call);
        }
        return calls;
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
