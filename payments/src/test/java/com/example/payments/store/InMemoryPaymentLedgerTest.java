package com.example.payments.store;

import com.example.payments.domain.PaymentLedger;
import java.time.Clock;

/** The ledger contract, held by the in-memory fake that unit tests use. */
class InMemoryPaymentLedgerTest extends PaymentLedgerContract {

    @Override
    PaymentLedger emptyLedger(Clock clock) {
        return new InMemoryPaymentLedger(clock);
    }
}
