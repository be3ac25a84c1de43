package com.example.payments.contract;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.State;
import com.example.payments.Main;
import com.example.payments.domain.Cursor;
import com.example.payments.domain.NewPayment;
import com.example.payments.domain.Payment;
import com.example.payments.domain.PaymentStatus;
import com.example.support.ServiceServer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import java.math.BigDecimal;
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
 * Replays pacts against the real payments server (its production configuration and routing, on a
 * random port) with one {@code @State} handler per provider state, each arranging data through the
 * ledger, never through the HTTP layer. Concrete classes name the pacts ({@code @PactFolder}).
 *
 * <p>A subclass may put a {@link ChangedPayments} in front of the server, to prove that the
 * verification fails when payments changes what it answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PaymentsProviderVerification {

    private static final Instant NOW = Instant.parse("2026-01-05T12:00:00Z");

    private final ArrangedLedger ledger = new ArrangedLedger();
    private final ChangedPayments.Change change;
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
        Config config = Config.builder()
                .sources(
                        ConfigSources.create(Map.of("server.port", "0", "server.host", "127.0.0.1")),
                        ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
        server = ServiceServer.configure(WebServer.builder(), config.get("server"))
                .routing(routing -> Main.routing(routing, ledger))
                .build()
                .start();
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
    }

    @BeforeEach
    void target(PactVerificationContext context) {
        ledger.empty();
        context.setTarget(new HttpTestTarget("127.0.0.1", changed == null ? server.port() : changed.port()));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void paymentsHonoursTheInteraction(PactVerificationContext context) {
        context.verifyInteraction();
    }

    @State("no payments exist")
    void noPaymentsExist() {
        // The ledger of every interaction starts empty; nothing to add.
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

    @State("the payment ledger is failing")
    void paymentLedgerIsFailing() {
        ledger.failing();
    }

    private static Payment payment(String id, PaymentStatus status, Instant createdAt) {
        return new Payment(
                id, new BigDecimal("19.99"), Currency.getInstance("EUR"), status, Optional.of("Order 1001"), createdAt);
    }
}
