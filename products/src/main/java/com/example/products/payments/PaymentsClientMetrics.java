package com.example.products.payments;

import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.helidon.metrics.api.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The metrics of products' calls to payments, exported at {@code /observe/metrics}:
 * <ul>
 *     <li>{@code payments.client.calls}: a timer per operation and outcome, so one meter family gives
 *     the call count, the latency histogram and the outcome mix;</li>
 *     <li>{@code payments.client.circuit.state}: the circuit breaker's state (0 closed, 1 half-open, 2 open).</li>
 * </ul>
 * Retries come from Helidon fault tolerance's own meters ({@code ft.retry.retries.total} and
 * {@code ft.circuitbreaker.opened.total}, tagged with the policies' names).
 */
final class PaymentsClientMetrics {

    /** The name of the call timer. */
    static final String CALLS = "payments.client.calls";
    /** The name of the circuit state gauge. */
    static final String CIRCUIT_STATE = "payments.client.circuit.state";

    /**
     * Bucket bounds of the latency histogram: from a pooled call on the same host to products' read timeout.
     */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)
    };

    /**
     * How a call ended, as the {@code outcome} tag says it.
     */
    enum Outcome {
        /** Payments answered 2xx. */
        SUCCESS,
        /** Payments refused the request with a 4xx (including a 404 for a payment it does not have). */
        REJECTED,
        /** Payments or the load balancer failed, or the connection broke (products answers 502). */
        BAD_GATEWAY,
        /** No payments instance could be reached (products answers 503). */
        UNAVAILABLE,
        /** Payments did not answer within the read timeout (products answers 504). */
        TIMEOUT,
        /** The circuit breaker was open, so payments was not called (products answers 503). */
        CIRCUIT_OPEN;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The outcome of a call that failed with the given exception. */
        static Outcome of(PaymentsCallException failure) {
            return switch (failure.problem().status()) {
                case 503 -> UNAVAILABLE;
                case 504 -> TIMEOUT;
                default -> BAD_GATEWAY;
            };
        }
    }

    private final MeterRegistry registry;
    private final Supplier<CircuitBreaker.State> circuitState;
    /**
     * The timers, by operation and outcome: looked up once each, not built and looked up in the registry on
     * every call (a builder, two tags and a registry lookup per call showed in products' CPU profile).
     */
    private final Map<String, Map<Outcome, Timer>> timers = new ConcurrentHashMap<>();

    /**
     * Registers the meters.
     *
     * @param registry     where the meters live ({@code Services.get(MeterRegistry.class)} in the service)
     * @param circuitState the breaker's current state
     */
    PaymentsClientMetrics(MeterRegistry registry, Supplier<CircuitBreaker.State> circuitState) {
        this.registry = registry;
        this.circuitState = circuitState;
        // Registered once per registry, bound to the first gateway: a service has exactly one.
        registry.getOrCreate(Gauge.builder(CIRCUIT_STATE, this::circuitStateValue)
                .description("State of the circuit breaker around calls to payments: 0 closed, 1 half-open, 2 open"));
    }

    /**
     * Records one call to payments, retries included.
     *
     * @param operation the payments operation ({@code listPayments}, {@code getPayment}, {@code createPayment})
     * @param outcome   how it ended
     * @param duration  how long it took, retries included
     */
    void record(String operation, Outcome outcome, Duration duration) {
        timers.computeIfAbsent(operation, op -> new ConcurrentHashMap<>())
                .computeIfAbsent(outcome, out -> timer(operation, out))
                .record(duration);
    }

    private Timer timer(String operation, Outcome outcome) {
        return registry.getOrCreate(Timer.builder(CALLS)
                .description("Calls from products to payments, by operation and outcome")
                .tags(List.of(Tag.create("operation", operation), Tag.create("outcome", outcome.tag())))
                .buckets(BUCKETS)
                .percentiles(0.5, 0.99));
    }

    /** The value of the circuit state gauge: 0 closed, 1 half-open, 2 open. */
    int circuitStateValue() {
        return switch (circuitState.get()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
