package com.example.products.payments;

import io.helidon.faulttolerance.CircuitBreaker;
import java.io.PrintStream;
import java.time.Clock;

/**
 * The circuit breaker around calls to payments as a CloudWatch metric: when the breaker opens or
 * closes, one line in the CloudWatch embedded metric format (EMF) on standard output. On ECS the
 * awslogs driver sends the line to products' log group, and CloudWatch extracts the metric
 * {@value #METRIC} (1 opened, 0 closed) in namespace {@value #NAMESPACE} with dimension
 * {@value #DIMENSION}={@value #SERVICE}; stack.yaml's alarm watches it. No metric filter is needed.
 */
public final class CircuitStateMetric {

    /** The CloudWatch namespace of the metric. */
    public static final String NAMESPACE = "ContractFirstEcs";
    /** The metric: 1 when the breaker opened, 0 when it closed. */
    public static final String METRIC = "PaymentsCircuitOpen";
    /** The metric's one dimension. */
    public static final String DIMENSION = "Service";
    /** The dimension's value. */
    public static final String SERVICE = "products";

    private final PrintStream out;
    private final Clock clock;
    private volatile boolean open;

    /**
     * Writes to the given stream ({@code System.out} in the service).
     *
     * @param out   where the lines go
     * @param clock the lines' timestamps
     */
    CircuitStateMetric(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /**
     * Notes the breaker's state after a call; writes a line when it went from closed to open (half-open
     * counts as open: no call goes through freely) or back. Called after every call to payments: a
     * read of one volatile field unless the state changed.
     *
     * @param state the breaker's state now
     */
    void observe(CircuitBreaker.State state) {
        boolean nowOpen = state != CircuitBreaker.State.CLOSED;
        if (nowOpen != open) {
            changed(nowOpen);
        }
    }

    private synchronized void changed(boolean nowOpen) {
        if (nowOpen == open) {
            return; // another call reported it first
        }
        open = nowOpen;
        out.println(line(nowOpen ? 1 : 0));
    }

    private String line(int value) {
        return """
                {"_aws":{"Timestamp":%d,"CloudWatchMetrics":[{"Namespace":"%s","Dimensions":[["%s"]],\
                "Metrics":[{"Name":"%s","Unit":"Count"}]}]},"%s":"%s","%s":%d,"message":"payments circuit %s"}""".formatted(
                        clock.millis(),
                        NAMESPACE,
                        DIMENSION,
                        METRIC,
                        DIMENSION,
                        SERVICE,
                        METRIC,
                        value,
                        value == 1 ? "opened" : "closed");
    }
}
