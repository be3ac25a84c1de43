package com.example.products.payments;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.support.ProblemException;
import io.helidon.faulttolerance.CircuitBreakerConfig;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.WebServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway's call meters, over a real client and a scripted stand-in for payments (each request
 * takes the next scripted answer). Meters outlive a test (Helidon's registries share Micrometer's
 * global one), so each test compares counts before and after. The exported gauge is proved on the
 * running service by SlowPaymentsSystemIT.
 */
class PaymentsClientMetricsTest {

    private static final String PAGE = "{\"items\":[]}";

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final MeterRegistry registry = Metrics.globalRegistry();
    private WebServer payments;
    private HttpPaymentsGateway gateway;

    private record Answer(int status, String contentType, String body, Duration delay) {
        static Answer of(int status, String body) {
            return new Answer(
                    status, status < 400 ? "application/json" : "application/problem+json", body, Duration.ZERO);
        }
    }

    @BeforeEach
    void startPayments() {
        payments = WebServer.builder()
                .port(0)
                .host("127.0.0.1")
                .routing(routing -> routing.get("/metaapi/1.0/payments", (req, res) -> {
                    requests.incrementAndGet();
                    Answer answer = Optional.ofNullable(script.poll()).orElse(Answer.of(200, PAGE));
                    Thread.sleep(answer.delay());
                    res.status(answer.status())
                            .header("Content-Type", answer.contentType())
                            .send(answer.body());
                }))
                .build()
                .start();
        var settings = PaymentsClientSettings.builder()
                .baseUri(URI.create("http://127.0.0.1:" + payments.port()))
                // Long enough for an immediate answer on a busy machine; the slow answer below takes longer.
                .readTimeout(Duration.ofSeconds(1))
                .maxConnections(4)
                .breaker(CircuitBreakerConfig.builder()
                        .volume(4)
                        .errorRatio(50)
                        .delay(Duration.ofMinutes(5))
                        .buildPrototype())
                .build();
        gateway = HttpPaymentsGateway.create(settings, registry);
    }

    @AfterEach
    void stopPayments() {
        payments.stop();
    }

    @Test
    void countsSuccessfulCallsWithTheirLatency() {
        long before = count("listPayments", "success");
        double timeBefore = calls("listPayments", "success")
                .map(t -> t.totalTime(TimeUnit.NANOSECONDS))
                .orElse(0.0);

        gateway.list(Optional.empty(), 10, Optional.empty());
        gateway.list(Optional.empty(), 10, Optional.empty());

        assertThat(count("listPayments", "success") - before, is(2L));
        assertThat(
                calls("listPayments", "success").orElseThrow().totalTime(TimeUnit.NANOSECONDS) > timeBefore, is(true));
        assertThat(gateway.metrics().circuitStateValue(), is(0));
    }

    @Test
    void countsRejectionsApartFromFailures() {
        long rejected = count("listPayments", "rejected");
        long failed = count("listPayments", "bad_gateway");
        script.add(Answer.of(400, "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"limit\"}"));

        assertThrows(PaymentsRejectedException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));

        assertThat(count("listPayments", "rejected") - rejected, is(1L));
        assertThat(count("listPayments", "bad_gateway") - failed, is(0L));
    }

    @Test
    void retriesTheLoadBalancersBadGatewayOnceAndCountsOneSuccessfulCall() {
        long before = count("listPayments", "success");
        script.add(Answer.of(502, "<html>502 Bad Gateway</html>"));

        gateway.list(Optional.empty(), 10, Optional.empty());

        assertThat(requests.get(), is(2));
        assertThat(gateway.retries(), is(1L));
        assertThat(count("listPayments", "success") - before, is(1L));
    }

    @Test
    void recordsBadGatewayWhenTheRetryFailsToo() {
        long before = count("listPayments", "bad_gateway");
        script.add(Answer.of(502, "<html>502 Bad Gateway</html>"));
        script.add(Answer.of(502, "<html>502 Bad Gateway</html>"));

        ProblemException failure =
                assertThrows(ProblemException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));

        assertThat(failure.problem().status(), is(502));
        assertThat(requests.get(), is(2));
        assertThat(count("listPayments", "bad_gateway") - before, is(1L));
    }

    @Test
    void recordsTimeoutWhenPaymentsIsSlowerThanTheReadTimeout() {
        long before = count("listPayments", "timeout");
        script.add(new Answer(200, "application/json", PAGE, Duration.ofSeconds(3)));

        ProblemException failure =
                assertThrows(ProblemException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));

        assertThat(failure.problem().status(), is(504));
        assertThat(count("listPayments", "timeout") - before, is(1L));
    }

    @Test
    void reportsTheOpenCircuitAndCountsTheCallsItCutsOff() {
        long failed = count("listPayments", "bad_gateway");
        long cutOff = count("listPayments", "circuit_open");
        for (int i = 0; i < 4; i++) {
            script.add(Answer.of(500, "{\"title\":\"Internal Server Error\",\"status\":500}"));
        }
        for (int i = 0; i < 4; i++) {
            assertThrows(PaymentsCallException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));
        }

        assertThrows(PaymentsCallException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));

        assertThat(gateway.metrics().circuitStateValue(), is(2));
        assertThat(count("listPayments", "bad_gateway") - failed, is(4L));
        assertThat(count("listPayments", "circuit_open") - cutOff, is(1L));
        assertThat(requests.get(), is(4));
    }

    private Optional<Timer> calls(String operation, String outcome) {
        return registry.timer(PaymentsClientMetrics.CALLS, tags(operation, outcome));
    }

    private long count(String operation, String outcome) {
        return calls(operation, outcome).map(Timer::count).orElse(0L);
    }

    private static List<Tag> tags(String operation, String outcome) {
        return List.of(Tag.create("operation", operation), Tag.create("outcome", outcome));
    }
}
