package com.example.payments.contract;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.State;
import com.example.payments.Main;
import com.example.payments.domain.Cursor;
import com.example.payments.domain.NewPayment;
import com.example.payments.domain.Payment;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.domain.PaymentStatus;
import com.example.payments.store.DatabaseSettings;
import com.example.payments.store.LedgerDatabase;
import com.example.payments.store.PostgresPaymentLedger;
import com.example.payments.store.TestDatabases;
import io.helidon.webserver.WebServer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays pacts against the real payments server (started as {@code main} starts it, on a random
 * port, over its own new PostgreSQL database) with one {@code @State} handler per provider state,
 * each arranging rows in that database (through a second ledger on it), never through the HTTP
 * layer. Concrete classes name the pacts ({@code @PactFolder}).
 *
 * <p>A subclass may put a {@link ChangedPayments} in front of the server, to prove that the
 * verification fails when payments changes what it answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PaymentsProviderVerification {

    private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");

    private final ChangedPayments.Change change;
    private DatabaseSettings database;
    private LedgerDatabase arranging;
    private PaymentLedger ledger;
    private WebServer server;
    private ChangedPayments changed;

    /** Verifies payments as it is. */
    PaymentsProviderVerification() {
        this(null);
    }

    /**
     * Verifies payments as it would answer after the change.
     *
     * @param change the change, or null for none
     */
    PaymentsProviderVerification(ChangedPayments.Change change) {
        this.change = change;
    }

    @BeforeAll
    void startPayments() {
        database = TestDatabases.fresh();
        server = Main.start(TestDatabases.config(database, Map.of()));
        arranging = LedgerDatabase.open(database);
        ledger = new PostgresPaymentLedger(arranging.dataSource(), Clock.systemUTC());
        if (change != null) {
            changed = ChangedPayments.start(server.port(), change);
        }
    }

    @AfterAll
    void stopPayments() {
        if (changed != null) {
            changed.stop();
        }
        if (server != null) {
            server.stop();
        }
        if (arranging != null) {
            arranging.close();
        }
    }

    @BeforeEach
    void target(PactVerificationContext context) {
        // Every interaction starts with an empty, working ledger.
        TestDatabases.execute(
                database, "ALTER TABLE IF EXISTS payment_out_of_service RENAME TO payment; TRUNCATE payment");
        context.setTarget(new HttpTestTarget("127.0.0.1", changed == null ? server.port() : changed.port()));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void paymentsHonoursTheInteraction(PactVerificationContext context) {
        context.verifyInteraction();
    }

    @State("no payments exist")
    void noPaymentsExist() {
        // The database of every interaction starts empty; nothing to add.
    }

    @State("a payment exists")
    void paymentExists(Map<String, Object> params) {
        ledger.store(payment(String.valueOf(params.get("id")), PaymentStatus.CAPTURED, NOW));
    }

    /** Captured payments before and after a cursor, with one of another status among them. */
    @State("captured payments follow the cursor")
    Map<String, Object> capturedPaymentsFollowTheCursor() {
        Payment newest = payment("pay_page_1", PaymentStatus.CAPTURED, NOW);
        ledger.store(newest);
        ledger.store(payment("pay_page_2", PaymentStatus.CAPTURED, NOW.minusSeconds(60)));
        ledger.store(payment("pay_page_3", PaymentStatus.AUTHORIZED, NOW.minusSeconds(120)));
        ledger.store(payment("pay_page_4", PaymentStatus.CAPTURED, NOW.minusSeconds(180)));
        ledger.store(payment("pay_page_5", PaymentStatus.CAPTURED, NOW.minusSeconds(240)));
        return Map.of("cursor", Cursor.after(newest).encode());
    }

    @State("a payment was created with an idempotency key")
    void paymentWasCreatedWithAnIdempotencyKey(Map<String, Object> params) {
        ledger.create(
                String.valueOf(params.get("idempotencyKey")),
                NewPayment.validate(
                        String.valueOf(params.get("amount")), String.valueOf(params.get("currency")), (String)
                                params.get("description")));
    }

    /** An unexpected failure of the ledger's database (here: its table is gone), not an outage. */
    @State("the payment ledger is failing")
    void paymentLedgerIsFailing() {
        TestDatabases.execute(database, "ALTER TABLE payment RENAME TO payment_out_of_service");
    }

    private static Payment payment(String id, PaymentStatus status, Instant createdAt) {
        return new Payment(
                id, new BigDecimal("19.99"), Currency.getInstance("EUR"), status, Optional.of("Order 1001"), createdAt);
    }
}
