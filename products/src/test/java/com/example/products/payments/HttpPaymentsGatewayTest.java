package com.example.products.payments;

import static com.example.products.payments.StubPayments.json;
import static com.example.products.payments.StubPayments.problem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.products.payments.client.model.NewPayment;
import com.example.products.payments.client.model.PaymentStatus;
import com.example.support.ProblemType;
import com.example.support.RequestCorrelation;
import io.helidon.common.context.Context;
import io.helidon.common.context.Contexts;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerConfig;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real gateway (generated client, pool, retry, breaker, outcome mapping) against the stub payments
 * server, whose answer each test chooses, and against sockets that break connections.
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

    private final StubPayments payments = new StubPayments();

    @AfterEach
    void stopPayments() {
        payments.close();
    }

    @Test
    void listsPageSendingQueryAndIgnoringUnknownFields() {
        AtomicReference<String> query = new AtomicReference<>();
        payments.answer((req, res) -> {
            query.set(req.query().rawValue());
            json(res, 200, PAGE);
        });

        var page = gateway(payments.uri()).list(Optional.of(PaymentStatus.CAPTURED), 5, Optional.of("c1"));

        assertThat(page.getItems().getFirst().getId(), is("pay_1"));
        assertThat(page.getNextCursor(), is("c2"));
        assertThat(
                java.util.Set.of(query.get().split("&")),
                is(java.util.Set.of("status=CAPTURED", "limit=5", "cursor=c1")));
    }

    @Test
    void findsNothingWhenPaymentsAnswers404() {
        payments.answer((req, res) -> problem(res, 404, "No payment with id pay_x"));

        assertThat(gateway(payments.uri()).find("pay_x"), is(Optional.empty()));
    }

    @Test
    void createsWithIdempotencyKeyAndReadsReplayFlag() {
        AtomicReference<String> key = new AtomicReference<>();
        payments.answer((req, res) -> {
            key.set(req.headers().first(HeaderNames.create("Idempotency-Key")).orElse(null));
            res.header("Idempotent-Replayed", "true");
            json(res, 201, PAYMENT);
        });

        var created = gateway(payments.uri())
                .create("key-7", new NewPayment().amount("1.00").currency("EUR"));

        assertThat(key.get(), is("key-7"));
        assertThat(created.replayed(), is(true));
        assertThat(created.payment().getId(), is("pay_1"));
    }

    @Test
    void relaysPaymentsValidationProblemWithItsStatusAndErrors() {
        payments.answer((req, res) -> json(res, 422, """
                {"type":"https://api.example.com/problems/validation-failed","title":"Validation failed",
                "status":422,"detail":"The payment is not valid",
                "errors":[{"name":"/amount","reason":"must be greater than 0.00"}]}"""));

        PaymentsRejectedException e = assertThrows(
                PaymentsRejectedException.class,
                () -> gateway(payments.uri())
                        .create("k", new NewPayment().amount("0.00").currency("EUR")));

        assertThat(e.problem().status(), is(422));
        assertThat(e.problem().type(), is(ProblemType.VALIDATION_FAILED.uri()));
        assertThat(e.problem().title(), is(ProblemType.VALIDATION_FAILED.title()));
        assertThat(e.problem().detail(), is("The payment is not valid"));
        assertThat(e.problem().errors().stream().map(p -> p.name()).toList(), contains("/amount"));
    }

    @ParameterizedTest
    // A type products does not know, or one sent with another status than its own, is not relayed.
    @CsvSource({
        "422, https://api.example.com/problems/idempotency-key-reused, https://api.example.com/problems/idempotency-key-reused",
        "400, https://api.example.com/problems/invalid-parameters, https://api.example.com/problems/invalid-parameters",
        "422, https://api.example.com/problems/something-new, about:blank",
        "400, https://api.example.com/problems/validation-failed, about:blank",
        "409, about:blank, about:blank"
    })
    void relaysTheTypeOfPaymentsProblemWhenProductsKnowsIt(int status, String sent, String relayed) {
        payments.answer((req, res) -> problem(res, status, sent, "refused"));

        PaymentsRejectedException e = assertThrows(
                PaymentsRejectedException.class,
                () -> gateway(payments.uri())
                        .create("k", new NewPayment().amount("1.00").currency("EUR")));

        assertThat(e.problem().status(), is(status));
        assertThat(e.problem().type(), is(relayed));
    }

    @Test
    void relaysPaymentsLedgerOutageAsLedgerUnavailable() {
        payments.answer((req, res) -> problem(res, 503, ProblemType.LEDGER_UNAVAILABLE.uri(), "ledger down"));

        PaymentsCallException e = assertThrows(
                PaymentsCallException.class, () -> gateway(payments.uri()).find("pay_1"));

        assertThat(e.problem().type(), is(ProblemType.LEDGER_UNAVAILABLE.uri()));
        assertThat(e.retryAfter().isPresent(), is(true));
    }

    @ParameterizedTest
    // The load balancer's 502 (its connection to a target broke) is retried once, like a broken connection.
    @CsvSource({
        "500, 502, 1, about:blank",
        "502, 502, 2, about:blank",
        "503, 503, 1, https://api.example.com/problems/payments-unavailable",
        "504, 504, 1, about:blank",
        "404, 502, 1, about:blank"
    })
    void mapsPaymentsOrLoadBalancerStatusOnListTo(int paymentsStatus, int productsStatus, int calls, String type) {
        payments.answer(
                (req, res) -> res.status(Status.create(paymentsStatus)).send("<html>load balancer page</html>"));

        PaymentsCallException e = assertThrows(
                PaymentsCallException.class,
                () -> gateway(payments.uri()).list(Optional.empty(), 20, Optional.empty()));

        assertThat(e.problem().status(), is(productsStatus));
        assertThat(e.problem().type(), is(type));
        assertThat(payments.requests(), is(calls));
    }

    @Test
    void answers503WithRetryAfterWhenLoadBalancerHasNoTarget() {
        payments.answer((req, res) -> res.status(Status.SERVICE_UNAVAILABLE_503).send());

        PaymentsCallException e = assertThrows(
                PaymentsCallException.class, () -> gateway(payments.uri()).find("pay_1"));

        assertThat(e.retryAfter().isPresent(), is(true));
    }

    @Test
    void answers502WhenBodyIsNotThePromisedJson() {
        payments.answer((req, res) -> json(res, 200, "{\"items\": \"not a list\"}"));

        PaymentsCallException e = assertThrows(
                PaymentsCallException.class,
                () -> gateway(payments.uri()).list(Optional.empty(), 20, Optional.empty()));

        assertThat(e.problem().status(), is(502));
    }

    @Test
    void answers504WithinReadTimeoutWhenPaymentsIsSlow() {
        payments.answer((req, res) -> {
            sleep(Duration.ofSeconds(3));
            json(res, 200, PAGE);
        });
        HttpPaymentsGateway gateway = gateway(payments.uri());

        long start = System.nanoTime();
        PaymentsCallException e =
                assertThrows(PaymentsCallException.class, () -> gateway.list(Optional.empty(), 20, Optional.empty()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e.problem().status(), is(504));
        // Cut off by the read timeout, not answered when payments answered.
        assertThat(took, lessThan(Duration.ofSeconds(3)));
        assertThat("a timed-out call is not retried", gateway.retries(), is(0L));
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

    @Test
    void retriesOnceThenAnswers502WhenConnectionIsReset() throws Exception {
        try (BreakingFront front = new BreakingFront(Integer.MAX_VALUE, Break.RESET)) {
            HttpPaymentsGateway gateway = gateway(front.uri());

            PaymentsCallException e = assertThrows(PaymentsCallException.class, () -> gateway.find("pay_1"));

            assertThat(e.problem().status(), is(502));
            assertThat(gateway.retries(), is(1L));
            assertThat(front.accepted(), is(2));
        }
    }

    @Test
    void retryAfterConnectionFailureSucceedsWhenPaymentsIsBack() throws Exception {
        payments.answer((req, res) -> json(res, 200, PAGE));
        try (BreakingFront front = new BreakingFront(1, Break.RESET)) {
            HttpPaymentsGateway gateway = gateway(front.uri());

            var page = gateway.list(Optional.empty(), 20, Optional.empty());

            assertThat(page.getItems().size(), is(1));
            assertThat(gateway.retries(), is(1L));
        }
    }

    /**
     * A connection that the load balancer closes without answering (HAProxy does so when a reused
     * target connection fails; any peer may close an idle keep-alive connection just as products
     * reuses it) is a connection failure: retried once, not reported as an unreadable answer.
     */
    @Test
    void retriesACallWhoseConnectionClosesBeforeTheAnswer() throws Exception {
        try (BreakingFront front = new BreakingFront(1, Break.CLOSE_UNANSWERED)) {
            HttpPaymentsGateway gateway = gateway(front.uri());

            var page = gateway.list(Optional.empty(), 10, Optional.empty());

            assertThat(page.getItems().isEmpty(), is(true));
            assertThat(gateway.retries(), is(1L));
            assertThat(front.accepted(), is(2));
        }
    }

    @Test
    void answersBadGatewayWhenTheRetryIsClosedWithoutAnswerToo() throws Exception {
        try (BreakingFront front = new BreakingFront(2, Break.CLOSE_UNANSWERED)) {
            HttpPaymentsGateway gateway = gateway(front.uri());

            PaymentsCallException failure = assertThrows(
                    PaymentsCallException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));

            assertThat(failure.problem().status(), is(502));
            assertThat(failure.problem().detail(), is("The connection to payments broke before it answered"));
            assertThat(gateway.retries(), is(1L));
        }
    }

    @Test
    void opensCircuitAfterFailuresAndClosesAfterDelay() {
        payments.answer(
                (req, res) -> res.status(Status.INTERNAL_SERVER_ERROR_500).send());
        HttpPaymentsGateway gateway = gateway(payments.uri());
        for (int i = 0; i < 4; i++) {
            assertThrows(PaymentsCallException.class, () -> gateway.find("pay_1"));
        }
        int hitsWhenOpened = payments.requests();

        PaymentsCallException open = assertThrows(PaymentsCallException.class, () -> gateway.find("pay_1"));

        assertThat(gateway.circuitState(), is(CircuitBreaker.State.OPEN));
        assertThat(open.problem().type(), is(ProblemType.BREAKER_OPEN.uri()));
        assertThat(open.retryAfter().orElseThrow(), is(BREAKER_DELAY));
        assertThat("an open circuit does not call payments", payments.requests(), is(hitsWhenOpened));

        payments.answer((req, res) -> json(res, 200, PAYMENT));
        awaitCircuitTrial(gateway);
        assertThat(gateway.find("pay_1").isPresent(), is(true));
        assertThat(gateway.circuitState(), is(CircuitBreaker.State.CLOSED));
    }

    @Test
    void rejectionsDoNotOpenTheCircuit() {
        payments.answer((req, res) -> problem(res, 400, "bad cursor"));
        HttpPaymentsGateway gateway = gateway(payments.uri());

        for (int i = 0; i < 10; i++) {
            assertThrows(PaymentsRejectedException.class, () -> gateway.list(Optional.empty(), 20, Optional.of("x")));
        }

        assertThat(gateway.circuitState(), is(CircuitBreaker.State.CLOSED));
    }

    @Test
    void propagatesCorrelationIdsOfTheRequestBeingHandled() {
        AtomicReference<String> seen = new AtomicReference<>();
        payments.answer((req, res) -> {
            seen.set(req.headers().first(RequestCorrelation.X_REQUEST_ID).orElse("-") + " "
                    + req.headers().first(RequestCorrelation.X_AMZN_TRACE_ID).orElse("-"));
            json(res, 200, PAYMENT);
        });
        Context context = Context.create();
        context.register(new RequestCorrelation.Ids("req-42", Optional.of("Root=1-abc")));

        Contexts.runInContext(context, () -> gateway(payments.uri()).find("pay_1"));

        assertThat(seen.get(), is("req-42 Root=1-abc"));
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

    private static void awaitCircuitTrial(HttpPaymentsGateway gateway) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (gateway.circuitState() == CircuitBreaker.State.OPEN && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
        }
    }

    /** How {@link BreakingFront} breaks a connection. */
    private enum Break {
        /** At once, with a TCP reset. */
        RESET,
        /** After reading the request's head, with an orderly close and no answer. */
        CLOSE_UNANSWERED
    }

    /** A loopback front for the stub that breaks its first connections, then forwards the others to it. */
    private final class BreakingFront implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger accepted = new AtomicInteger();

        BreakingFront(int broken, Break how) throws IOException {
            Thread.ofVirtual().start(() -> serve(broken, how));
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort());
        }

        int accepted() {
            return accepted.get();
        }

        private void serve(int broken, Break how) {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    if (accepted.incrementAndGet() > broken) {
                        Thread.ofVirtual().start(() -> forward(socket));
                        continue;
                    }
                    try (socket) {
                        if (how == Break.RESET) {
                            socket.setSoLinger(true, 0);
                        } else {
                            readHead(socket.getInputStream());
                        }
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void forward(Socket client) {
            try (client;
                    Socket upstream = new Socket("127.0.0.1", payments.uri().getPort())) {
                Thread pump = Thread.ofVirtual().start(() -> copy(upstream, client));
                copy(client, upstream);
                pump.join(Duration.ofSeconds(5));
            } catch (IOException e) {
                // the test has ended
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException ignored) {
            // the other side closed; the exchange is over
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
