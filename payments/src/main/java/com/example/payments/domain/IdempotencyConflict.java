package com.example.payments.domain;

/**
 * An idempotency key was used again with a different request: the client reused a key for a new
 * payment. Nothing is created; the client must use a new key.
 */
public final class IdempotencyConflict extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String idempotencyKey;

    /**
     * Creates the exception.
     *
     * @param idempotencyKey the reused key
     */
    public IdempotencyConflict(String idempotencyKey) {
        super("Idempotency-Key '" + idempotencyKey
                + "' was already used with a different request body; use a new key for a new payment");
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * The reused key.
     *
     * @return the key
     */
    public String idempotencyKey() {
        return idempotencyKey;
    }
}
