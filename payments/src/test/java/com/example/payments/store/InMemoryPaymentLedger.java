package com.example.payments.store;

import com.example.payments.domain.IdempotencyConflict;
import com.example.payments.domain.NewPayment;
import com.example.payments.domain.Payment;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.domain.PaymentPage;
import com.example.payments.domain.PaymentQuery;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A thread-safe ledger in memory: the fake of unit tests (a test double: it lives with the tests), which the ledger contract tests hold to the
 * same behaviour as {@link PostgresPaymentLedger}. Nothing survives the process, and each process has
 * its own: never use it behind a load balancer.
 */
public final class InMemoryPaymentLedger implements PaymentLedger {

    private final Clock clock;
    private final Map<String, Payment> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Payment> newestFirst = new ConcurrentSkipListSet<>(Payment.NEWEST_FIRST);
    private final Map<String, KeyUse> byIdempotencyKey = new ConcurrentHashMap<>();

    /**
     * Creates an empty ledger.
     *
     * @param clock the clock that stamps new payments
     */
    public InMemoryPaymentLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<Payment> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public PaymentPage list(PaymentQuery query) {
        List<Payment> window = newestFirst.stream()
                .filter(payment ->
                        query.after().map(cursor -> cursor.precedes(payment)).orElse(true))
                .filter(payment ->
                        query.status().map(status -> payment.status() == status).orElse(true))
                .limit(query.limit() + 1L)
                .toList();
        return PaymentPage.of(window, query.limit());
    }

    @Override
    public Creation create(String idempotencyKey, NewPayment request) {
        AtomicBoolean created = new AtomicBoolean();
        // computeIfAbsent runs at most once per key, atomically: concurrent retries create one payment.
        KeyUse use = byIdempotencyKey.computeIfAbsent(idempotencyKey, key -> {
            created.set(true);
            Payment payment = Payment.pending(request, clock);
            store(payment);
            return new KeyUse(request, payment.id());
        });
        if (!use.request().equals(request)) {
            throw new IdempotencyConflict(idempotencyKey);
        }
        return new Creation(byId.get(use.paymentId()), !created.get());
    }

    @Override
    public void store(Payment payment) {
        Payment previous = byId.put(payment.id(), payment);
        if (previous != null) {
            newestFirst.remove(previous);
        }
        newestFirst.add(payment);
    }

    private record KeyUse(NewPayment request, String paymentId) {}
}
