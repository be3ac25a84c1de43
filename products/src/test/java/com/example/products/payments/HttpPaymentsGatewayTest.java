package com.example.products.payments;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.products.payments.client.model.NewPayment;
import com.example.products.payments.client.model.PaymentStatus;
import com.example.support.Json;
import com.example.support.RequestCorrelation;
import io.helidon.common.context.Context;
import io.helidon.common.context.Contexts;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerConfig;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real gateway (generated client, pool, retry, breaker, outcome mapping) against a stub payments
 * server whose answer each test chooses.
 */
class HttpPaymentsGatewayTest {

    private static final String PAGE = """
            {"items":[{"id":"pay_1","amount":"1.00","currency":"EUR","status":"CAPTURED",
            "createdAt":"2026-01-01T10:00:00Z","addedLater":"ignored"}],"nextCursor":"c2"}""";
    private static final String PAYMENT = """
            {"id":"pay_1","amount":"1.00","currency":"EUR","status":"PENDING","createdAt":"2026-01-01T10:00:00Z"}""";
    private static final Duration READ_TIMEOUT = Duration.ofMillis(400);
    private static final Duration BREAKER_DELAY = Duration.ofMillis(500);

    private final AtomicReference<Handler> answer = new AtomicReference<>();
    private final AtomicInteger hits = new AtomicInteger();
    private WebServer stub;

    @BeforeEach
    void startStub() {
        stub = WebServer.builder()
                .port(0)
                .routing(routing -> routing.any((req, res) -> {
                    hits.incrementAndGet();
                    answer.get().handle(req, res);
                }))
                .build()
                .start();
    }

    @AfterEach
    void stopStub() {
        stub.stop();
    }

    @Test
    void listsPageSendingQueryAndIgnoringUnknownFields() {
        AtomicReference<String> query = new AtomicReference<>();
        answer.set((req, res) -> {
            query.set(req.query().rawValue());
            json(res, 200, PAGE);
        });

        var page = gateway(stubUri()).list(Optional.of(PaymentStatus.CAPTURED), 5, Optional.of("c1"));

        assertThat(page.getItems().getFirst().getId(), is("pay_1"));
        assertThat(page.getNextCursor(), is("c2"));
        assertThat(
                java.util.Set.of(query.get().split("&")),
                is(java.util.Set.of("status=CAPTURED", "limit=5", "cursor=c1")));
    }

    @Test
    void findsNothingWhenPaymentsAnswers404() {
        answer.set((req, res) -> problem(res, 404, "No payment with id pay_x"));

        assertThat(gateway(stubUri()).find("pay_x"), is(Optional.empty()));
    }

    @Test
    void createsWithIdempotencyKeyAndReadsReplayFlag() {
        AtomicReference<String> key = new AtomicReference<>();
        answer.set((req, res) -> {
            key.set(req.headers().first(HeaderNames.create("Idempotency-Key")).orElse(null));
            res.header("Idempotent-Replayed", "true");
            json(res, 201, PAYMENT);
        });

        var created = gateway(stubUri())
                .create("key-7", new NewPayment().amount("1.00").currency("EUR"));

        assertThat(key.get(), is("key-7"));
        assertThat(created.replayed(), is(true));
        assertThat(created.payment().getId(), is("pay_1"));
    }

    @Test
    void relaysPaymentsValidationProblemWithItsStatusAndErrors() {
        answer.set((req, res) -> json(res, 422, """
                {"title":"Unprocessable Content","status":422,"detail":"The payment is not valid",
                "errors":[{"name":"/amount","reason":"must be greater than 0.00"}]}"""));

        PaymentsRejectedException e = assertThrows(
                PaymentsRejectedException.class,
                () -> gateway(stubUri())
                        .create("k", new NewPayment().amount("0.00").currency("EUR")));

        assertThat(e.problem().status(), is(422));
        assertThat(e.problem().detail(), is("The payment is not valid"));
        assertThat(e.problem().errors().stream().map(p -> p.name()).toList(), contains("/amount"));
    }

    @ParameterizedTest
    // The load balancer's 502 (its connection to a target broke) is retried once, like a broken connection.
    @CsvSource({"500, 502, 1", "502, 502, 2", "503, 503, 1", "504, 504, 1", "404, 502, 1"})
    void mapsPaymentsOrLoadBalancerStatusOnListTo(int paymentsStatus, int productsStatus, int calls) {
        answer.set((req, res) -> res.status(Status.create(paymentsStatus)).send("<html>load balancer page</html>"));

        PaymentsCallException e = assertThrows(
                PaymentsCallException.class, () -> gateway(stubUri()).list(Optional.empty(), 20, Optional.empty()));

        assertThat(e.problem().status(), is(productsStatus));
        assertThat(hits.get(), is(calls));
    }

    @Test
    void answers503WithRetryAfterWhenLoadBalancerHasNoTarget() {
        answer.set((req, res) -> res.status(Status.SERVICE_UNAVAILABLE_503).send());

        PaymentsCallException e = assertThrows(
                PaymentsCallException.class, () -> gateway(stubUri()).find("pay_1"));

        assertThat(e.retryAfter().isPresent(), is(true));
    }

    @Test
    void answers502WhenBodyIsNotThePromisedJson() {
        answer.set((req, res) -> json(res, 200, "{\"items\": \"not a list\"}"));

        PaymentsCallException e = assertThrows(
                PaymentsCallException.class, () -> gateway(stubUri()).list(Optional.empty(), 20, Optional.empty()));

        assertThat(e.problem().status(), is(502));
    }

    @Test
    void answers504WithinReadTimeoutWhenPaymentsIsSlow() {
        answer.set((req, res) -> {
            sleep(Duration.ofSeconds(3));
            json(res, 200, PAGE);
        });
        HttpPaymentsGateway gateway = gateway(stubUri());

        long start = System.nanoTime();
        PaymentsCallException e =
                assertThrows(PaymentsCallException.class, () -> gateway.list(Optional.empty(), 20, Optional.empty()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e.problem().status(), is(504));
        assertThat(took, lessThan(Duration.ofSeconds(2)));
        assertThat("a timed-out call is not retried", gateway.retries(), is(0L));
    }

    @Test
    void retriesOnceThenAnswers503WhenNothingListens() throws IOException {
        URI closedPort = URI.create("http://127.0.0.1:" + freePort());
        HttpPaymentsGateway gateway = gateway(closedPort);

        PaymentsCallException e = assertThrows(PaymentsCallException.class, () -> gateway.find("pay_1"));

        assertThat(e, instanceOf(PaymentsConnectionException.class));
        assertThat(e.problem().status(), is(503));
        assertThat(gateway.retries(), is(1L));
    }

    @Test
    void retriesOnceThenAnswers502WhenConnectionIsReset() throws Exception {
        try (ServerSocket resetting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = new AtomicInteger();
            Thread.ofVirtual().start(() -> resetEveryConnection(resetting, accepted));
            HttpPaymentsGateway gateway = gateway(URI.create("http://127.0.0.1:" + resetting.getLocalPort()));

            PaymentsCallException e = assertThrows(PaymentsCallException.class, () -> gateway.find("pay_1"));

            assertThat(e.problem().status(), is(502));
            assertThat(gateway.retries(), is(1L));
            assertThat(accepted.get(), is(2));
        }
    }

    @Test
    void retryAfterConnectionFailureSucceedsWhenPaymentsIsBack() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        answer.set((req, res) -> json(res, 200, PAGE));
        try (ServerSocket once = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // First connection is reset; the retry goes to the same address, which now proxies to the stub.
            Thread.ofVirtual().start(() -> resetOnceThenForward(once, calls));
            HttpPaymentsGateway gateway = gateway(URI.create("http://127.0.0.1:" + once.getLocalPort()));

            var page = gateway.list(Optional.empty(), 20, Optional.empty());

            assertThat(page.getItems().size(), is(1));
            assertThat(gateway.retries(), is(1L));
        }
    }

    @Test
    void opensCircuitAfterFailuresAndClosesAfterDelay() {
        answer.set((req, res) -> res.status(Status.INTERNAL_SERVER_ERROR_500).send());
        HttpPaymentsGateway gateway = gateway(stubUri());
        for (int i = 0; i < 4; i++) {
            assertThrows(PaymentsCallException.class, () -> gateway.find("pay_1"));
        }
        int hitsWhenOpened = hits.get();

        PaymentsCallException open = assertThrows(PaymentsCallException.class, () -> gateway.find("pay_1"));

        assertThat(gateway.circuitState(), is(CircuitBreaker.State.OPEN));
        assertThat(open.problem().status(), is(503));
        assertThat(open.retryAfter().orElseThrow(), is(BREAKER_DELAY));
        assertThat("an open circuit does not call payments", hits.get(), is(hitsWhenOpened));

        answer.set((req, res) -> json(res, 200, PAYMENT));
        awaitCircuitTrial(gateway);
        assertThat(gateway.find("pay_1").isPresent(), is(true));
        assertThat(gateway.circuitState(), is(CircuitBreaker.State.CLOSED));
    }

    @Test
    void rejectionsDoNotOpenTheCircuit() {
        answer.set((req, res) -> problem(res, 400, "bad cursor"));
        HttpPaymentsGateway gateway = gateway(stubUri());

        for (int i = 0; i < 10; i++) {
            assertThrows(PaymentsRejectedException.class, () -> gateway.list(Optional.empty(), 20, Optional.of("x")));
        }

        assertThat(gateway.circuitState(), is(CircuitBreaker.State.CLOSED));
    }

    @Test
    void propagatesCorrelationIdsOfTheRequestBeingHandled() {
        AtomicReference<String> seen = new AtomicReference<>();
        answer.set((req, res) -> {
            seen.set(req.headers().first(RequestCorrelation.X_REQUEST_ID).orElse("-") + " "
                    + req.headers().first(RequestCorrelation.X_AMZN_TRACE_ID).orElse("-"));
            json(res, 200, PAYMENT);
        });
        Context context = Context.create();
        context.register(new RequestCorrelation.Ids("req-42", Optional.of("Root=1-abc")));

        Contexts.runInContext(context, () -> gateway(stubUri()).find("pay_1"));

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

    private URI stubUri() {
        return URI.create("http://127.0.0.1:" + stub.port());
    }

    private static void awaitCircuitTrial(HttpPaymentsGateway gateway) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (gateway.circuitState() == CircuitBreaker.State.OPEN && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(50));
        }
    }

    private static void json(io.helidon.webserver.http.ServerResponse res, int status, String body) {
        res.status(Status.create(status))
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .send(body);
    }

    private static void problem(io.helidon.webserver.http.ServerResponse res, int status, String detail) {
        res.status(Status.create(status))
                .header(HeaderNames.CONTENT_TYPE, "application/problem+json")
                .send(Json.bytes(com.example.support.Problem.of(Status.create(status), detail)));
    }

    private static void resetEveryConnection(ServerSocket server, AtomicInteger accepted) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                accepted.incrementAndGet();
                socket.setSoLinger(true, 0);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void resetOnceThenForward(ServerSocket server, AtomicInteger calls) {
        try {
            try (Socket first = server.accept()) {
                first.setSoLinger(true, 0);
            }
            try (Socket second = server.accept();
                    Socket upstream = new Socket("127.0.0.1", stub.port())) {
                Thread pump = Thread.ofVirtual().start(() -> copy(upstream, second));
                copy(second, upstream);
                pump.join(5000);
            }
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
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
