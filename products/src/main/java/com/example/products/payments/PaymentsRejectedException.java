package com.example.products.payments;

import com.example.support.Problem;
import com.example.support.ProblemException;

/**
 * Payments refused the request with a 4xx problem; products relays its status, detail and errors.
 * Not a failure of payments, so the circuit breaker does not count it.
 */
public final class PaymentsRejectedException extends ProblemException {

    PaymentsRejectedException(Problem problem) {
        super(problem, null, null);
    }
}
