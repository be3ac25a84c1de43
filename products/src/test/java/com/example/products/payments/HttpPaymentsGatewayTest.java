package com.example.products.payments;

import static com.example.products.payments.StubPayments.answer;
import static com.example.products.payments.StubPayments.json;
import static com.example.products.payments.StubPayments.problem;
import static com.example.products.payments.StubPayments.requests;
import static com.example.products.payments.StubPayments.uri;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.products.payments.client.model.NewPayment;
import com.example.support.ProblemType;
import com.example.support.RequestCorrelation;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.helidon.common.context.Context;
import io.helidon.common.context.Contexts;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerConfig;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.service.registry.Services;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real gateway (generated client, pool, retry, breaker, outcome mapping, call meters) against the
 * stub payments server, whose answers each test chooses, including connections that break (WireMock's
 * faults). Meters outlive a test (Helidon's registries share Micrometer's global one), so each test
 * compares counts before and after; the exported gauge is proved on the running service by
 * SlowPaymentsSystemIT.
 */
class HttpPaymentsGatewayTest {

    private static final String PAGE = """
            {"items":[{"id":"pay_1","amount":"1.00","currency":"EUR","status":"CAPTURED",
            "createdAt":"2026-01-01T10:00:00Z","addedLater":"ignored"}],"nextCursor":"c2"}""";
    private static final String PAYMENT = """
            {"id":"pay_1","amount":"1.00","currency":"EUR","status":"PENDING","createdAt":"2026-01-01T10:00:00Z"}""";
    /** Long enough for an immediate answer on a busy machine, short against the slow answer (3 s). */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    private static final Duration BREAKER_DELAY = Duration.ofMillis(500);

    @RegisterExtension
    static final WireMockExtension payments = StubPayments.server();

    private final MeterRegistry registry = Services.get(MeterRegistry.class);

    /**
     * payments' rejection is relayed, with its type when products knows it (a type products does not
     * know, or one sent with another status than its own, is not relayed), counted as a rejection,
     * and never opens the circuit, however often it comes (more often than the breaker's volume here).
     */
    @ParameterizedTest
    @CsvSource({
        "422, https://api.example.com/problems/idempotency-key-reused, https://api.example.com/problems/idempotency-key-reused",
        "400, https://api.example.com/problems/invalid-parameters, https://api.example.com/problems/invalid-parameters",
        "422, https://api.example.com/problems/something-new, about:blank",
        "400, https://api.example.com/problems/validation-failed, about:blank",
        "409, about:blank, about:blank"
    })
    void relaysPaymentsRejectionWithTheTypeProductsKnowsWithoutOpeningTheCircuit(
            int status, String sent, String relayed) {
        answer(payments, problem(status, sent, "refused"));
        HttpPaymentsGateway gateway = gateway(uri(payments));
        long rejected = calls("createPayment", "rejected");
        long failed = calls("createPayment", "bad_gateway");

        for (int i = 0; i < 5; i++) {
            PaymentsRejectedException e = assertThrows(
                    PaymentsRejectedException.class,
                    () -> gateway.create("k", new NewPayment().amount("1.00").currency("EUR")));
            assertThat(e.problem().status(), is(status));
            assertThat(e.problem().type(), is(relayed));
            assertThat(e.problem().detail(), is("refused"));
        }

        assertThat("counted as rejected, not failed", calls("createPayment", "rejected") - rejected, is(5L));
        assertThat(calls("createPayment", "bad_gateway") - failed, is(0L));
        assertThat(gateway.circuitState(), is(CircuitBreaker.State.CLOSED));
    }

    /**
     * One row per way a call can fail: what payments (or the load balancer in front of it) answers
     * ({@link #answerOf}), and products' problem. A connection that breaks, and the load balancer's 502
     * (its connection to a target broke), is retried once; nothing else is. Each failed call is counted
     * once, under its outcome (a load balancer's 404 page is counted as a rejection, as payments' own 404 is).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            500                                   | 502 | about:blank          | Payments failed with status 500                     | 1 | bad_gateway
            the load balancer's 502               | 502 | about:blank          | (502)                                               | 2 | bad_gateway
            503 with no target                    | 503 | PAYMENTS_UNAVAILABLE | no healthy instance                                 | 1 | unavailable
            payments' ledger outage               | 503 | LEDGER_UNAVAILABLE   | ledger                                              | 1 | unavailable
            the load balancer's 504               | 504 | about:blank          | timed out                                           | 1 | timeout
            payments slower than the read timeout | 504 | about:blank          | did not answer in time                              | 1 | timeout
            the load balancer's 404 page          | 502 | about:blank          | no such resource                                    | 1 | rejected
            a body not the promised JSON          | 502 | about:blank          | cannot read                                         | 1 | bad_gateway
            a reset connection                    | 502 | about:blank          | broke                                               | 2 | bad_gateway
            a connection closed unanswered        | 502 | about:blank          | The connection to payments broke before it answered | 2 | bad_gateway
            """)
    void answersAFailedCallWithItsProblemRetryingOnlyBrokenConnections(
            String failure, int status, String type, String detail, int calls, String outcome) {
        answer(payments, answerOf(failure));
        HttpPaymentsGateway gateway = gateway(uri(payments));
        long before = calls("listPayments", outcome);

        PaymentsCallException e =
                assertThrows(PaymentsCallException.class, () -> gateway.list(Optional.empty(), 20, Optional.empty()));

        assertThat(e.problem().status(), is(status));
        assertThat(
                e.problem().type(),
                is(type.equals("about:blank") ? type : ProblemType.valueOf(type).uri()));
        assertThat(e.problem().detail(), containsString(detail));
        assertThat("Retry-After on a 503 only", e.retryAfter().isPresent(), is(status == 503));
        assertThat("calls to payments", requests(payments), is(calls));
        assertThat(gateway.retries(), is((long) calls - 1));
        assertThat("counted once, as " + outcome, calls("listPayments", outcome) - before, is(1L));
    }

    /** What payments, or the load balancer in front of it, answers in a row of the tables here. */
    private static ResponseDefinitionBuilder answerOf(String failure) {
        return switch (failure) {
            case "500" -> status(500);
            case "the load balancer's 502" -> status(502);
            case "503 with no target" -> status(503);
            case "payments' ledger outage" -> problem(503, ProblemType.LEDGER_UNAVAILABLE.uri(), "down");
            case "the load balancer's 504" -> status(504);
            // Answered after the read timeout (1 s): a call that waited would succeed.
            case "payments slower than the read timeout" -> json(200, PAGE).withFixedDelay(3_000);
            case "the load balancer's 404 page" -> status(404);
            case "a body not the promised JSON" -> json(200, "{\"items\": \"not a list\"}");
            case "a reset connection" -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
            case "a connection closed unanswered" -> aResponse().withFault(Fault.EMPTY_RESPONSE);
            default -> throw new IllegalArgumentException("No answer for " + failure);
        };
    }

    private static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withBody("<html>load balancer page</html>");
    }

    @Test
    void retriesOnceThenAnswers503WhenNothingListens() throws IOException {
        URI closedPort = URI.create("http://127.0.0.1:" + freePort());
        HttpPaymentsGateway gateway = gateway(closedPort);

        PaymentsCallException e = assertThrows(PaymentsCallException.class, () -> gateway.find("pay_1"));

        assertThat(e, instanceOf(PaymentsConnectionException.class));
        assertThat(e.problem().type(), is(ProblemType.PAYMENTS_UNAVAILABLE.uri()));
        assertThat(gateway.retries(), is(1L));
    }

    /**
     * A connection that breaks, or that the load balancer closes without answering (HAProxy does so
     * when a reused target connection fails; any peer may close an idle keep-alive connection just as
     * products reuses it), or the load balancer's 502, is a connection failure: retried once, not
     * reported as an unreadable answer, and the call counted once, as a success, with its latency.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a reset connection", "a connection closed unanswered", "the load balancer's 502"})
    void retriesABrokenConnectionOnceAndSucceedsWhenPaymentsIsBack(String failure) {
        answer(payments, answerOf(failure), json(200, PAGE));
        HttpPaymentsGateway gateway = gateway(uri(payments));
        long before = calls("listPayments", "success");
        double timeBefore = timer("listPayments", "success")
                .map(t -> t.totalTime(TimeUnit.NANOSECONDS))
                .orElse(0.0);

        var page = gateway.list(Optional.empty(), 20, Optional.empty());

        assertThat(page.getItems().size(), is(1));
        assertThat(gateway.retries(), is(1L));
        assertThat(requests(payments), is(2));
        assertThat(calls("listPayments", "success") - before, is(1L));
        assertThat(
                "latency recorded",
                timer("listPayments", "success").orElseThrow().totalTime(TimeUnit.NANOSECONDS) > timeBefore,
                is(true));
        assertThat(gateway.metrics().circuitStateValue(), is(0));
    }

    @Test
    void opensCircuitAfterFailuresAndClosesAfterDelayWritingOneMetricLineForEach() {
        PrintStream standardOut = System.out;
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        System.setOut(new PrintStream(lines, true, StandardCharsets.UTF_8));
        try {
            answer(payments, aResponse().withStatus(500));
            HttpPaymentsGateway gateway = gateway(uri(payments));
            long failed = calls("getPayment", "bad_gateway");
            long cutOff = calls("getPayment", "circuit_open");
            for (int i = 0; i < 4; i++) {
                assertThrows(PaymentsCallException.class, () -> gateway.find("pay_1"));
            }
            int hitsWhenOpened = requests(payments);

            PaymentsCallException open = assertThrows(PaymentsCallException.class, () -> gateway.find("pay_1"));

            assertThat(gateway.circuitState(), is(CircuitBreaker.State.OPEN));
            assertThat(open.problem().type(), is(ProblemType.BREAKER_OPEN.uri()));
            assertThat(open.retryAfter().orElseThrow(), is(BREAKER_DELAY));
            assertThat("an open circuit does not call payments", requests(payments), is(hitsWhenOpened));
            assertThat(gateway.metrics().circuitStateValue(), is(2));
            assertThat(calls("getPayment", "bad_gateway") - failed, is(4L));
            assertThat(calls("getPayment", "circuit_open") - cutOff, is(1L));

            answer(payments, json(200, PAYMENT));
            await("the breaker to allow a trial call")
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> gateway.circuitState(), not(CircuitBreaker.State.OPEN));
            assertThat(gateway.find("pay_1").isPresent(), is(true));
            assertThat(gateway.circuitState(), is(CircuitBreaker.State.CLOSED));
            gateway.find("pay_1");
        } finally {
            System.setOut(standardOut);
        }

        assertThat(
                lines.toString(StandardCharsets.UTF_8)
                        .lines()
                        .filter(line -> line.contains("\"_aws\""))
                        .map(line -> line.replaceAll(".*\"PaymentsCircuitOpen\":(\\d).*", "$1"))
                        .toList(),
                contains("1", "0"));
    }

    @Test
    void propagatesCorrelationIdsOfTheRequestBeingHandled() {
        answer(payments, json(200, PAYMENT));
        Context context = Context.create();
        context.register(new RequestCorrelation.Ids("req-42", Optional.of("Root=1-abc")));

        Contexts.runInContext(context, () -> gateway(uri(payments)).find("pay_1"));

        payments.verify(anyRequestedFor(anyUrl())
                .withHeader(RequestCorrelation.X_REQUEST_ID.defaultCase(), equalTo("req-42"))
                .withHeader(RequestCorrelation.X_AMZN_TRACE_ID.defaultCase(), equalTo("Root=1-abc")));
    }

    private HttpPaymentsGateway gateway(URI baseUri) {
        return HttpPaymentsGateway.create(PaymentsClientSettings.builder()
                .baseUri(baseUri)
                .connectTimeout(Duration.ofMillis(500))
                .readTimeout(READ_TIMEOUT)
                .maxConnections(8)
                .breaker(CircuitBreakerConfig.builder()
                        .volume(4)
                        .errorRatio(50)
                        .delay(BREAKER_DELAY)
                        .buildPrototype())
                .build());
    }

    private Optional<Timer> timer(String operation, String outcome) {
        return registry.timer(
                PaymentsClientMetrics.CALLS,
                List.of(Tag.create("operation", operation), Tag.create("outcome", outcome)));
    }

    private long calls(String operation, String outcome) {
        return timer(operation, outcome).map(Timer::count).orElse(0L);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void tellsAPooledConnectionThatHelidonGaveUpOnFromATimeoutOfTheCall() {
        // As Helidon 4.5's IdleInputStream.endIdle() wraps its watcher's failure.
        RuntimeException watcherGaveUp = new RuntimeException(
                "Exception in socket monitor thread.",
                new ExecutionException(new UncheckedIOException(new SocketTimeoutException("Read timed out"))));
        RuntimeException callTimedOut = new UncheckedIOException(new SocketTimeoutException("Read timed out"));

        assertThat(
                HttpPaymentsGateway.idleConnectionGaveUp(watcherGaveUp, Duration.ofMillis(5), READ_TIMEOUT), is(true));
        assertThat(HttpPaymentsGateway.idleConnectionGaveUp(watcherGaveUp, READ_TIMEOUT, READ_TIMEOUT), is(false));
        assertThat(
                HttpPaymentsGateway.idleConnectionGaveUp(callTimedOut, Duration.ofMillis(5), READ_TIMEOUT), is(false));
    }
}
