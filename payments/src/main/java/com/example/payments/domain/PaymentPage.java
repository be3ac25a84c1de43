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

    /**
     * The page for a query's window: the payments it matched, newest first, one more than the page
     * holds if another page follows.
     *
     * @param window up to {@code limit + 1} payments, newest first
     * @param limit  how many the page holds
     * @return the page, with the cursor after its last payment when the window had more
     */
    public static PaymentPage of(List<Payment> window, int limit) {
        if (window.size() <= limit) {
            return new PaymentPage(window, Optional.empty());
        }
        List<Payment> items = window.subList(0, limit);
        return new PaymentPage(items, Optional.of(Cursor.after(items.getLast())));
    }
}
