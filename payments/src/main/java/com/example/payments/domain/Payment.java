package com.example.payments.domain;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

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
     * A new payment for a request: a fresh id, pending, created now (to the millisecond, as stored).
     *
     * @param request what was asked for
     * @param clock   the ledger's clock
     * @return the payment
     */
    public static Payment pending(NewPayment request, Clock clock) {
        return new Payment(
                "pay_" + UUID.randomUUID().toString().replace("-", ""),
                request.amount(),
                request.currency(),
                PaymentStatus.PENDING,
                request.description(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

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
