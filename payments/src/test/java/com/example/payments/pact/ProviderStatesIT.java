package com.example.payments.pact;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.payments.domain.PaymentLedger;
import com.example.payments.domain.PaymentQuery;
import com.example.payments.store.LedgerDatabase;
import com.example.payments.store.PostgresPaymentLedger;
import com.example.payments.store.TestDatabases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider states over a new PostgreSQL database each, with a control that records what it was asked. */
class ProviderStatesIT {

    private final List<String> control = new ArrayList<>();
    private LedgerDatabase database;
    private PaymentLedger ledger;
    private ProviderStates states;

    @BeforeEach
    void arrange() {
        database = LedgerDatabase.open(TestDatabases.fresh());
        ledger = new PostgresPaymentLedger(database.dataSource(), Clock.systemUTC());
        states = new ProviderStates(ledger, new ProviderStates.LedgerControl() {
            @Override
            public void reset() {
                control.add("reset");
            }

            @Override
            public void fail() {
                control.add("fail");
            }
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void arrangesEveryStateOfTheCommittedPact() {
        assertThat(
                states.names(),
                containsInAnyOrder(
                        "no payments exist",
                        "a payment exists",
                        "captured payments follow the cursor",
                        "a payment was created with an idempotency key",
                        "the payment ledger is failing"));
    }

    @Test
    void storesThePaymentThePactNames() {
        states.setUp("a payment exists", Map.of("id", "pay_7Qm2Xk9LrB"));

        assertThat(ledger.find("pay_7Qm2Xk9LrB").isPresent(), is(true));
        assertThat(control, is(List.of("reset")));
    }

    @Test
    void answersTheCursorItGenerated() {
        Map<String, Object> values = states.setUp("captured payments follow the cursor", Map.of());

        assertThat(values, hasKey("cursor"));
        assertThat(
                ledger.list(new PaymentQuery(Optional.empty(), 100, Optional.empty()))
                        .items()
                        .size(),
                is(5));
    }

    @Test
    void makesTheLedgerFailAfterResettingIt() {
        states.setUp("the payment ledger is failing", Map.of());

        assertThat(control, is(List.of("reset", "fail")));
    }

    @Test
    void resetsForAnInteractionWithoutAStateAndOnTearDown() {
        states.setUp("", Map.of());
        states.tearDown();

        assertThat(control, is(List.of("reset", "reset")));
    }

    @Test
    void rejectsAStateItDoesNotKnowBeforeTouchingTheLedger() {
        var e = assertThrows(
                ProviderStates.UnknownProviderState.class, () -> states.setUp("payments are on holiday", Map.of()));

        assertThat(e.getMessage(), is("No provider state 'payments are on holiday'"));
        assertThat(control, is(List.of()));
    }
}
