package com.example.products.payments;

import com.example.support.Problem;
import com.example.support.ProblemException;
import com.example.support.ProblemType;
import io.helidon.http.Status;
import java.time.Duration;

/**
 * Payments could not be used: unreachable, failing, too slow, or cut off by the circuit breaker.
 * Counted as a failure by the circuit breaker.
 */
public class PaymentsCallException extends ProblemException {

    PaymentsCallException(Status status, String detail, Duration retryAfter, Throwable cause) {
        this(Problem.of(status, detail), retryAfter, cause);
    }

    PaymentsCallException(Problem problem, Duration retryAfter, Throwable cause) {
        super(problem, retryAfter, cause);
    }

    /** Payments or the load balancer answered 5xx, or the answer could not be read: 502. */
    static PaymentsCallException badGateway(String detail, Throwable cause) {
        return new PaymentsCallException(Status.BAD_GATEWAY_502, detail, null, cause);
    }

    /** The load balancer has no healthy payments target (ALB 503): 503. */
    static PaymentsCallException unavailable(String detail) {
        return new PaymentsCallException(
                Problem.of(ProblemType.PAYMENTS_UNAVAILABLE, detail), Duration.ofSeconds(1), null);
    }

    /** Payments answered that its ledger is unavailable (its own 503): relayed as such. */
    static PaymentsCallException ledgerUnavailable(String detail) {
        return new PaymentsCallException(
                Problem.of(ProblemType.LEDGER_UNAVAILABLE, detail), Duration.ofSeconds(1), null);
    }

    /** Payments did not answer within the read timeout, or the load balancer timed out (ALB 504): 504. */
    static PaymentsCallException timeout(String detail, Throwable cause) {
        return new PaymentsCallException(Status.GATEWAY_TIMEOUT_504, detail, null, cause);
    }

    /** The circuit breaker is open: 503, retry when it lets a trial call through. */
    static PaymentsCallException circuitOpen(Duration retryAfter) {
        return new PaymentsCallException(
                Problem.of(
                        ProblemType.BREAKER_OPEN,
                        "Payments is failing; calls are paused for " + retryAfter.toSeconds() + " s"),
                retryAfter,
                null);
    }
}
