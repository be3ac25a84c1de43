package com.example.payments.domain;

import java.util.Optional;

/**
 * Where payments are kept: PostgreSQL in every deployment, in memory for unit tests. Implementations
 * are safe for concurrent use, and any method may throw {@link LedgerUnavailable} when the store
 * cannot be reached.
 */
public interface PaymentLedger {

    /**
     * Finds a payment.
     *
     * @param id the payment id
     * @return the payment, or empty when there is none with this id
     */
    Optional<Payment> find(String id);

    /**
     * Lists one page of payments, newest first.
     *
     * @param query status filter, page size and where the page starts
     * @return the page
     */
    PaymentPage list(PaymentQuery query);

    /**
     * Creates a payment at most once per idempotency key: the first request with a key creates it,
     * a later one with the same key and an equal request gets the same payment back.
     *
     * @param idempotencyKey the client's key
     * @param request        the validated request
     * @return the payment, and whether it was created by an earlier request
     * @throws IdempotencyConflict when the key was used with a different request
     * @throws LedgerUnavailable    when the ledger cannot be reached; the client may retry with the same key
     */
    Creation create(String idempotencyKey, NewPayment request);

    /**
     * Stores a payment as it is, replacing one with the same id (sample data, migrations, tests).
     *
     * @param payment the payment
     */
    void store(Payment payment);

    /**
     * The outcome of {@link #create(String, NewPayment)}.
     *
     * @param payment  the payment
     * @param replayed true when an earlier request with the same key created it
     */
    record Creation(Payment payment, boolean replayed) {}
}
