/**
 * How products talks to payments: the {@link com.example.products.payments.PaymentsGateway} port,
 * and its adapter over the client generated from {@code api-specs/payments.yaml}, with pooling,
 * timeouts, retry, circuit breaker and the mapping of every downstream outcome to a problem.
 */
package com.example.products.payments;
