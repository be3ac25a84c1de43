package com.example.payments.store;

import com.example.payments.domain.Payment;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.domain.PaymentStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/**
 * The sample payments a fresh local or demo deployment starts with.
 */
public final class SampleData {

    /** How many sample payments {@link #seed(PaymentLedger)} stores. */
    public static final int COUNT = 25;

    private static final Instant FIRST = Instant.parse("2026-01-05T09:00:00Z");
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP"};
    private static final PaymentStatus[] STATUSES = PaymentStatus.values();

    private SampleData() {}

    /**
     * Stores {@value #COUNT} payments, one every 90 minutes, cycling through statuses and currencies.
     *
     * @param ledger the ledger to fill
     */
    public static void seed(PaymentLedger ledger) {
        for (int i = 1; i <= COUNT; i++) {
            ledger.store(new Payment(
                    "pay_sample_%02d".formatted(i),
                    new BigDecimal("%d.%02d".formatted(10 * i, i % 100)),
                    Currency.getInstance(CURRENCIES[i % CURRENCIES.length]),
                    STATUSES[i % STATUSES.length],
                    Optional.of("Sample order #%d".formatted(1000 + i)),
                    FIRST.plus(Duration.ofMinutes(90L * i))));
        }
    }
}
