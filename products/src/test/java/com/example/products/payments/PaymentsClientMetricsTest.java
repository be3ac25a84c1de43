package com.example.products.payments;

import static com.example.products.payments.StubPayments.answer;
import static com.example.products.payments.StubPayments.json;
import static com.example.products.payments.StubPayments.problem;
import static com.example.products.payments.StubPayments.requests;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.support.ProblemException;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.helidon.faulttolerance.CircuitBreakerConfig;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import io.helidon.service.registry.Services;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway's call meters, over a real client and the scripted stand-in for payments. Meters outlive a test (Helidon's registries share Micrometer's
 * global one), so each test compares counts before and after. The exported gauge is proved on the
 * running service by SlowPaymentsSystemIT.
 */
class PaymentsClientMetricsTest {

    @RegisterExtension
    static final WireMockExtension payments = StubPayments.server();

    private final MeterRegistry registry = Services.get(MeterRegistry.class);
    private final HttpPaymentsGateway gateway = gateway(Duration.ofSeconds(30));

    @Test
    void countsSuccessfulCallsWithTheirLatency() {
        answer(payments, emptyPage());
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
        answer(payments, problem(400, "limit"));

        assertThrows(PaymentsRejectedException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));

        assertThat(count("listPayments", "rejected") - rejected, is(1L));
        assertThat(count("listPayments", "bad_gateway") - failed, is(0L));
    }

    @Test
    void retriesTheLoadBalancersBadGatewayOnceAndCountsOneSuccessfulCall() {
        long before = count("listPayments", "success");
        answer(payments, loadBalancers502(), emptyPage());

        gateway.list(Optional.empty(), 10, Optional.empty());

        assertThat(requests(payments), is(2));
        assertThat(gateway.retries(), is(1L));
        assertThat(count("listPayments", "success") - before, is(1L));
    }

    @Test
    void recordsBadGatewayWhenTheRetryFailsToo() {
        long before = count("listPayments", "bad_gateway");
        answer(payments, loadBalancers502());

        ProblemException failure =
                assertThrows(ProblemException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));

        assertThat(failure.problem().status(), is(502));
        assertThat(requests(payments), is(2));
        assertThat(count("listPayments", "bad_gateway") - before, is(1L));
    }

    @Test
    void recordsTimeoutWhenPaymentsIsSlowerThanTheReadTimeout() {
        long before = count("listPayments", "timeout");
        answer(payments, emptyPage().withFixedDelay(2_000));
        HttpPaymentsGateway impatient = gateway(Duration.ofMillis(500));

        ProblemException failure =
                assertThrows(ProblemException.class, () -> impatient.list(Optional.empty(), 10, Optional.empty()));

        assertThat(failure.problem().status(), is(504));
        assertThat(count("listPayments", "timeout") - before, is(1L));
    }

    @Test
    void reportsTheOpenCircuitAndCountsTheCallsItCutsOff() {
        long failed = count("listPayments", "bad_gateway");
        long cutOff = count("listPayments", "circuit_open");
        answer(payments, problem(500, "Internal Server Error"));
        for (int i = 0; i < 4; i++) {
            assertThrows(PaymentsCallException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));
        }

        assertThrows(PaymentsCallException.class, () -> gateway.list(Optional.empty(), 10, Optional.empty()));

        assertThat(gateway.metrics().circuitStateValue(), is(2));
        assertThat(count("listPayments", "bad_gateway") - failed, is(4L));
        assertThat(count("listPayments", "circuit_open") - cutOff, is(1L));
        assertThat(requests(payments), is(4));
    }

    private static ResponseDefinitionBuilder emptyPage() {
        return json(200, StubPayments.EMPTY_PAGE);
    }

    private static ResponseDefinitionBuilder loadBalancers502() {
        return aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>");
    }

    /** A gateway to the stub; the read timeout is generous, so that only a deliberately slow answer times out. */
    private HttpPaymentsGateway gateway(Duration readTimeout) {
        return HttpPaymentsGateway.create(
                PaymentsClientSettings.builder()
                        .baseUri(StubPayments.uri(payments))
                        .readTimeout(readTimeout)
                        .maxConnections(4)
                        .breaker(CircuitBreakerConfig.builder()
                                .volume(4)
                                .errorRatio(50)
                                .delay(Duration.ofMinutes(5))
                                .buildPrototype())
                        .build(),
                registry);
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
