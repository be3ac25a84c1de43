package com.example.payments.domain;

/**
 * The ledger cannot be used for now (its database is unreachable, overloaded, or did not answer in
 * time), so the operation was not done, or its outcome is unknown. Retrying later is safe: a create
 * retried with the same idempotency key creates at most one payment.
 */
public final class LedgerUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what could not be done, for the log
     * @param cause   the underlying failure, for the log
     */
    public LedgerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
