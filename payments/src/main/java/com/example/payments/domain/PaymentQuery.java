package com.example.payments.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of payments to list.
 *
 * @param status only payments in this status, when present
 * @param limit  the most payments on the page, 1 to {@value #MAX_LIMIT}
 * @param after  where the previous page ended, when this is not the first page
 */
public record PaymentQuery(Optional<PaymentStatus> status, int limit, Optional<Cursor> after) {

    /** The default page size. */
    public static final int DEFAULT_LIMIT = 20;
    /** The largest page size. */
    public static final int MAX_LIMIT = 100;

    /**
     * Checks the invariants.
     */
    public PaymentQuery {
        Objects.requireNonNull(status);
        Objects.requireNonNull(after);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
    }
}
