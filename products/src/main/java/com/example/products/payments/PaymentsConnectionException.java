package com.example.products.payments;

import com.example.support.Problem;
import com.example.support.ProblemType;
import io.helidon.http.Status;
import java.time.Duration;

/**
 * The connection to payments failed before an answer arrived: refused, reset or closed, between
 * products and the load balancer or (reported by the load balancer as 502) behind it. The only
 * failure that is retried, because the request cannot have been processed twice: a GET is safe, and
 * a POST carries the caller's idempotency key.
 */
public final class PaymentsConnectionException extends PaymentsCallException {

    private PaymentsConnectionException(Status status, String detail, Duration retryAfter, Throwable cause) {
        super(status, detail, retryAfter, cause);
    }

    private PaymentsConnectionException(Problem problem, Duration retryAfter, Throwable cause) {
        super(problem, retryAfter, cause);
    }

    /** Nothing accepts connections at the payments address: 503. */
    static PaymentsConnectionException refused(Throwable cause) {
        return new PaymentsConnectionException(
                Problem.of(ProblemType.PAYMENTS_UNAVAILABLE, "Payments is unreachable"), Duration.ofSeconds(1), cause);
    }

    /** The load balancer could not get an answer from a payments instance (ALB 502): 502. */
    static PaymentsConnectionException targetFailed() {
        return new PaymentsConnectionException(
                Status.BAD_GATEWAY_502,
                "The load balancer lost its connection to a payments instance (502)",
                null,
                null);
    }

    /** The connection broke before an answer arrived: 502. */
    static PaymentsConnectionException broken(Throwable cause) {
        return new PaymentsConnectionException(
                Status.BAD_GATEWAY_502, "The connection to payments broke before it answered", null, cause);
    }
}
