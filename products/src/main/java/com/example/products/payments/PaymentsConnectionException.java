package com.example.products.payments;

import java.time.Duration;

import io.helidon.http.Status;

/**
 * The connection to payments failed before an answer arrived: refused, reset or closed. The only
 * failure that is retried, because the request cannot have been processed twice: a GET is safe, and
 * a POST carries the caller's idempotency key.
 */
public final class PaymentsConnectionException extends PaymentsCallException {

    private PaymentsConnectionException(Status status, String detail, Duration retryAfter, Throwable cause) {
        super(status, detail, retryAfter, cause);
    }

    /** Nothing accepts connections at the payments address: 503. */
    static PaymentsConnectionException refused(Throwable cause) {
        return new PaymentsConnectionException(Status.SERVICE_UNAVAILABLE_503,
                "Payments is unreachable", Duration.ofSeconds(1), cause);
    }

    /** The connection broke before an answer arrived: 502. */
    static PaymentsConnectionException broken(Throwable cause) {
        return new PaymentsConnectionException(Status.BAD_GATEWAY_502,
                "The connection to payments broke before it answered", null, cause);
    }
}
