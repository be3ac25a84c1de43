package com.example.payments.contract;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.State;
import com.example.payments.Main;
import com.example.payments.pact.ProviderStates;
import com.example.payments.store.DatabaseSettings;
import com.example.payments.store.LedgerDatabase;
import com.example.payments.store.PostgresLedgerControl;
import com.example.payments.store.PostgresPaymentLedger;
import com.example.payments.store.TestDatabases;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.helidon.webserver.WebServer;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays pacts against the real payments server (started as {@code main} starts it, on a random
 * port, over its own new PostgreSQL database) with one {@code @State} handler per provider state,
 * each arranging rows in that database through {@link ProviderStates} (a second ledger on it), the
 * arrangements that any other verifier reaches over HTTP. Concrete classes name the pacts
 * ({@code @PactFolder}).
 *
 * <p>A subclass may put a {@link ChangedPayments} in front of the server, to prove that the
 * verification fails when payments changes what it answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PaymentsProviderVerification {

    private final ChangedPayments.Change change;
    private LedgerDatabase arranging;
    private ProviderStates states;
    private WebServer server;
    private WireMockServer changed;

    /** Verifies payments as it is. */
    PaymentsProviderVerification() {
        this(null);
    }

    /** Verifies payments as it would answer after the change (null for none). */
    PaymentsProviderVerification(ChangedPayments.Change change) {
        this.change = change;
    }

    @BeforeAll
    void startPayments() {
        DatabaseSettings database = TestDatabases.fresh();
        server = Main.start(TestDatabases.config(database, Map.of()));
        arranging = LedgerDatabase.open(database);
        states = new ProviderStates(
                new PostgresPaymentLedger(arranging.dataSource(), Clock.systemUTC()),
                new PostgresLedgerControl(arranging.dataSource()));
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
        // Every interaction starts with an empty, working ledger, also one without a provider state.
        states.tearDown();
        context.setTarget(new HttpTestTarget("127.0.0.1", changed == null ? server.port() : changed.port()));
    }

    @TestTemplate
    @ExtendWith(PactVerificationInvocationContextProvider.class)
    void paymentsHonoursTheInteraction(PactVerificationContext context) {
        context.verifyInteraction();
    }

    @State("no payments exist")
    void noPaymentsExist() {
        states.setUp("no payments exist", Map.of());
    }

    @State("a payment exists")
    void paymentExists(Map<String, Object> params) {
        states.setUp("a payment exists", params);
    }

    @State("captured payments follow the cursor")
    Map<String, Object> capturedPaymentsFollowTheCursor() {
        return states.setUp("captured payments follow the cursor", Map.of());
    }

    @State("a payment was created with an idempotency key")
    void paymentWasCreatedWithAnIdempotencyKey(Map<String, Object> params) {
        states.setUp("a payment was created with an idempotency key", params);
    }

    @State("the payment ledger is failing")
    void paymentLedgerIsFailing() {
        states.setUp("the payment ledger is failing", Map.of());
    }
}
