package com.example.payments.contract;

import com.example.payments.domain.NewPayment;
import com.example.payments.domain.Payment;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.domain.PaymentPage;
import com.example.payments.domain.PaymentQuery;
import com.example.payments.store.InMemoryPaymentLedger;
import java.time.Clock;
import java.util.Optional;

/**
 * The ledger behind the payments server under verification, as the provider states arrange it:
 * a new, empty in-memory ledger before each interaction, or one whose store is down.
 */
final class ArrangedLedger implements PaymentLedger {

    private volatile PaymentLedger current = new InMemoryPaymentLedger(Clock.systemUTC());

    /** Starts the next interaction with a new, empty ledger. */
    void empty() {
        current = new InMemoryPaymentLedger(Clock.systemUTC());
    }

    /** Every call fails, as when the ledger's database is unreachable. */
    void failing() {
        current = new Unavailable();
    }

    @Override
    public Optional<Payment> find(String id) {
        return current.find(id);
    }

    @Override
    public PaymentPage list(PaymentQuery query) {
        return current.list(query);
    }

    @Override
    public Creation create(String idempotencyKey, NewPayment request) {
        return current.create(idempotencyKey, request);
    }

    @Override
    public void store(Payment payment) {
        current.store(payment);
    }

    private static final class Unavailable implements PaymentLedger {

        @Override
        public Optional<Payment> find(String id) {
            throw unavailable();
        }

        @Override
        public PaymentPage list(PaymentQuery query) {
            throw unavailable();
        }

        @Override
        public Creation create(String idempotencyKey, NewPayment request) {
            throw unavailable();
        }

        @Override
        public void store(Payment payment) {
            throw unavailable();
        }

        private static IllegalStateException unavailable() {
            return new IllegalStateException("The ledger's store is unreachable (arranged by a provider state)");
        }
    }
}
