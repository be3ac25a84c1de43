package com.example.products.payments;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.support.ProblemException;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The gateway's call meters, over a real client and a scripted stand-in for payments (each request
 * takes the next scripted answer), with a registry of the test's own.
 */
class PaymentsClientMetricsTest {

    private static final String PAGE = "{\"items\":[]}";

    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final MeterRegistry registry = Metrics.createMeterRegistry();
    private WebServer payments;
    private HttpPaymentsGateway gateway;

    private record Answer(int status, String contentType, String body, Duration delay) {
        static Answer of(int status, String body) {
            return new Answer(status, status < 400 ? "application/json" : "application/problem+json", body, Duration.ZERO);
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
                    res.status(answer.status()).header("Content-Type", answer.contentType()).send(answer.body());
                }))
                .build()
                .start();
        var settings = new PaymentsClientSettings(URI.create("http://127.0.0.1:" + payments.port()),
                Duration.ofSeconds(1), Duration.ofMillis(300), 4, 4, 50, Duration.ofMinutes(5));
        gateway = HttpPaymentsGateway.create(settings, registry);
    }

    @AfterEach
    void stopPayments() {
        payments.stop();
        registry.close();
    }

    @Test
    void countsSuccessfulCallsWithTheirLatency() {
        gateway.list(Optional.empty(), 10, Optional.empty());
        gateway.list(Optional.empty(), 10, Optional.empty());

        Timer calls = calls("listPayments", "success");
        assertThat(calls.count(), is(2L));
        assertThat(calls.totalTime(TimeUnit.NANOSECONDS) > 0, is(true));
        assertThat(circuitState(), is(0.0));
    }

    @Test
    void countsRejectionsApartFromFailures() {
        script.add(Answer.of(400, "{\"title\":\"Bad Request\",\"status\":400,\"detail\":\"limit\"}"));

        assertThrows(PaymentsRejectedException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));

        assertThat(calls("listPayments", "rejected").count(), is(1L));
        assertThat(registry.timer(PaymentsClientMetrics.CALLS,
                tags("listPayments", "bad_gateway")).isPresent(), is(false));
    }

    @Test
    void retriesTheLoadBalancersBadGatewayOnceAndCountsOneSuccessfulCall() {
        script.add(Answer.of(502, "<html>502 Bad Gateway</html>"));

        gateway.list(Optional.empty(), 10, Optional.empty());

        assertThat(requests.get(), is(2));
        assertThat(gateway.retries(), is(1L));
        assertThat(calls("listPayments", "success").count(), is(1L));
    }

    @Test
    void recordsBadGatewayWhenTheRetryFailsToo() {
        script.add(Answer.of(502, "<html>502 Bad Gateway</html>"));
        script.add(Answer.of(502, "<html>502 Bad Gateway</html>"));

        ProblemException failure = assertThrows(ProblemException.class,
                () -> gateway.list(Optional.empty(), 10, Optional.empty()));

        assertThat(failure.problem().status(), is(502));
        assertThat(requests.get(), is(2));
        assertThat(calls("listPayments", "bad_gateway").count(), is(1L));
    }

    @Test
    void recordsTimeoutWhenPaymentsIsSlowerThanTheReadTimeout() {
        script.add(new Answer(200, "application/json", PAGE, Duration.ofMillis(800)));

        ProblemException failure = assertThrows(ProblemException.class,
                () -> gateway.list(Optional.empty(), 10, Optional.empty()));

        assertThat(failure.problem().status(), is(504));
        assertThat(calls("listPayments", "timeout").count(), is(1L));
    }

    @Test
    void reportsTheOpenCircuitAndCountsTheCallsItCutsOff() {
        for (int i = 0; i < 4; i++) {
            script.add(Answer.of(500, "{\"title\":\"Internal Server Error\",\"status\":500}"));
        }
        for (int i = 0; i < 4; i++) {
            assertThrows(PaymentsCallException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));
        }

        assertThrows(PaymentsCallException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));

        assertThat(circuitState(), is(2.0));
        assertThat(calls("listPayments", "bad_gateway").count(), is(4L));
        assertThat(calls("listPayments", "circuit_open").count(), is(1L));
        assertThat(requests.get(), is(4));
    }

    private Timer calls(String operation, String outcome) {
        return registry.timer(PaymentsClientMetrics.CALLS, tags(operation, outcome))
                .orElseThrow(() -> new AssertionError("no " + PaymentsClientMetrics.CALLS + " for " + operation + "/" + outcome));
    }

    private double circuitState() {
        Gauge<?> gauge = registry.gauge(PaymentsClientMetrics.CIRCUIT_STATE, List.of()).orElseThrow();
        return gauge.value().doubleValue();
    }

    private static List<Tag> tags(String operation, String outcome) {
        return List.of(Tag.create("operation", operation), Tag.create("outcome", outcome));
    }
}
