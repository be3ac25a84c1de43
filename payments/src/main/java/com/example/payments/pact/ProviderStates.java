package com.example.payments.pact;

import com.example.payments.domain.Cursor;
import com.example.payments.domain.NewPayment;
import com.example.payments.domain.Payment;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.domain.PaymentStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The provider states of products' pact, each a present-tense sentence with one arrangement. Every
 * set-up starts from an empty, working ledger; a tear-down leaves one. Both verifiers use it: Pact-JVM's
 * {@code @State} methods and the state-change URL that other verifiers call.
 */
public final class ProviderStates {

    private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");

    private final PaymentLedger ledger;
    private final LedgerControl control;
    private final Map<String, Function<Map<String, Object>, Map<String, Object>>> arrangements;

    /**
     * What states need of the ledger's store besides the ledger itself.
     */
    public interface LedgerControl {

        /** Makes the ledger work again, if it was failing, and empty. */
        void reset();

        /** Makes every ledger call fail unexpectedly (a store fault, not an outage). */
        void fail();
    }

    /**
     * Creates the states over a ledger.
     *
     * @param ledger  where payments are arranged
     * @param control resets the ledger and makes it fail
     */
    public ProviderStates(PaymentLedger ledger, LedgerControl control) {
        this.ledger = ledger;
        this.control = control;
        this.arrangements = Map.of(
                "no payments exist", params -> Map.of(),
                "a payment exists", this::paymentExists,
                "captured payments follow the cursor", params -> capturedPaymentsFollowTheCursor(),
                "a payment was created with an idempotency key", this::paymentWasCreatedWithAnIdempotencyKey,
                "the payment ledger is failing",
                        params -> {
                            control.fail();
                            return Map.of();
                        });
    }

    /**
     * The sentences this provider can arrange.
     *
     * @return the state names
     */
    public Set<String> names() {
        return arrangements.keySet();
    }

    /**
     * Arranges a state, from an empty and working ledger.
     *
     * @param state  the state's sentence; blank for an interaction without one (an empty ledger)
     * @param params the pact's parameters of the state
     * @return values the state generated, for the pact's {@code fromProviderState} expressions
     * @throws UnknownProviderState when no state has this sentence
     */
    public Map<String, Object> setUp(String state, Map<String, Object> params) {
        if (state == null || state.isBlank()) {
            // An interaction without a provider state: verifiers still ask, with no name.
            control.reset();
            return Map.of();
        }
        var arrangement = arrangements.get(state);
        if (arrangement == null) {
            throw new UnknownProviderState(state);
        }
        control.reset();
        return arrangement.apply(params);
    }

    /** Leaves an empty, working ledger after an interaction. */
    public void tearDown() {
        control.reset();
    }

    private Map<String, Object> paymentExists(Map<String, Object> params) {
        ledger.store(payment(String.valueOf(params.get("id")), PaymentStatus.CAPTURED, NOW));
        return Map.of();
    }

    /** Captured payments before and after a cursor, with one of another status among them. */
    private Map<String, Object> capturedPaymentsFollowTheCursor() {
        Payment newest = payment("pay_page_1", PaymentStatus.CAPTURED, NOW);
        ledger.store(newest);
        ledger.store(payment("pay_page_2", PaymentStatus.CAPTURED, NOW.minusSeconds(60)));
        ledger.store(payment("pay_page_3", PaymentStatus.AUTHORIZED, NOW.minusSeconds(120)));
        ledger.store(payment("pay_page_4", PaymentStatus.CAPTURED, NOW.minusSeconds(180)));
        ledger.store(payment("pay_page_5", PaymentStatus.CAPTURED, NOW.minusSeconds(240)));
        return Map.of("cursor", Cursor.after(newest).encode());
    }

    private Map<String, Object> paymentWasCreatedWithAnIdempotencyKey(Map<String, Object> params) {
        ledger.create(
                String.valueOf(params.get("idempotencyKey")),
                NewPayment.validate(
                        String.valueOf(params.get("amount")), String.valueOf(params.get("currency")), (String)
                                params.get("description")));
        return Map.of();
    }

    private static Payment payment(String id, PaymentStatus status, Instant createdAt) {
        return new Payment(
                id, new BigDecimal("19.99"), Currency.getInstance("EUR"), status, Optional.of("Order 1001"), createdAt);
    }

    /** A state that this provider cannot arrange: the pact and payments disagree. */
    public static final class UnknownProviderState extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnknownProviderState(String state) {
            super("No provider state '" + state + "'");
        }
    }
}
