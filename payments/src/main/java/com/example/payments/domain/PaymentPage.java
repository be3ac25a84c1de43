package com.example.payments.domain;

import java.util.List;
import java.util.Optional;

/**
 * One page of payments, newest first.
 *
 * @param items the payments
 * @param next  the cursor of the next page; empty on the last page
 */
public record PaymentPage(List<Payment> items, Optional<Cursor> next) {

    /**
     * Copies the items.
     */
    public PaymentPage {
        items = List.copyOf(items);
    }
}
