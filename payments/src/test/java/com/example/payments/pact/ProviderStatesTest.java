package com.example.payments.pact;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The provider states' bookkeeping, with a control that records what it was asked. That every state
 * of the committed pact exists and arranges what its interaction needs (a failing ledger too) is
 * proved by provider verification ({@code PaymentsPactVerificationIT} and {@code PactCliVerificationIT}):
 * the interaction fails otherwise.
 */
class ProviderStatesTest {

    private final List<String> control = new ArrayList<>();
    // None of these states touches the ledger.
    private final ProviderStates states = new ProviderStates(null, new ProviderStates.LedgerControl() {
        @Override
        public void reset() {
            control.add("reset");
        }

        @Override
        public void fail() {
            control.add("fail");
        }
    });

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
