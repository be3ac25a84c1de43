package com.example.payments.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment.
 *
 * @param id          unique, URL-safe id ({@code pay_...})
 * @param amount      amount with exactly two fraction digits
 * @param currency    ISO 4217 currency
 * @param status      where the payment is in its life
 * @param description optional free text
 * @param createdAt   when it was created; the list order, newest first
 */
public record Payment(
        String id,
        BigDecimal amount,
        Currency currency,
        PaymentStatus status,
        Optional<String> description,
        Instant createdAt) {

    /** Newest first; the id breaks ties so that the order, and so every cursor, is total. */
    public static final Comparator<Payment> NEWEST_FIRST =
            Comparator.comparing(Payment::createdAt).thenComparing(Payment::id).reversed();

    /**
     * Checks the invariants.
     */
    public Payment {
        Objects.requireNonNull(id);
        Objects.requireNonNull(currency);
        Objects.requireNonNull(status);
        Objects.requireNonNull(description);
        Objects.requireNonNull(createdAt);
        if (amount.scale() != 2) {
            throw new IllegalArgumentException("amount must have two fraction digits: " + amount);
        }
    }
}
