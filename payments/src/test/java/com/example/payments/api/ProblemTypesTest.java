package com.example.payments.api;

import com.example.support.ProblemType;
import com.example.support.testing.SpecProblemTypes;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * payments' spec lists exactly the problem types payments sends (each asserted by {@code PaymentsApiIT}
 * and {@code PaymentsDatabaseOutageIT}), as {@link ProblemType} defines them.
 */
class ProblemTypesTest {

    @Test
    void specListsEveryProblemTypePaymentsSends() {
        SpecProblemTypes.assertListsExactly(
                "META-INF/openapi/payments.yaml",
                EnumSet.of(
                        ProblemType.INVALID_PARAMETERS,
                        ProblemType.MALFORMED_BODY,
                        ProblemType.VALIDATION_FAILED,
                        ProblemType.IDEMPOTENCY_KEY_REUSED,
                        ProblemType.LEDGER_UNAVAILABLE));
    }
}
