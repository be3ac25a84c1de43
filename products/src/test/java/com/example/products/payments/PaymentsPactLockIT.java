package com.example.products.payments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.contracts.PactDrift;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract lock: the pact that {@link PaymentsGatewayPactTest} has just written must be the
 * committed {@code contracts/products-payments.json}, the one payments verifies. A change of the
 * contract therefore always arrives as a reviewed diff of that file.
 *
 * <p>Runs after the unit tests (failsafe), so the pact of this build exists. With
 * {@code -Dcontracts.accept=true} it copies the new pact over the committed one instead of failing.
 */
class PaymentsPactLockIT {

    private static final System.Logger LOGGER = System.getLogger(PaymentsPactLockIT.class.getName());
    private static final String PACT = "products-payments.json";

    private final Path committed =
            Path.of(System.getProperty("contracts.dir", "../contracts")).resolve(PACT);
    private final Path regenerated =
            Path.of(System.getProperty("pacts.generated.dir", "target/pacts")).resolve(PACT);

    @Test
    void committedPactIsThePactTheConsumerTestsWrite() {
        Optional<String> drift = PactDrift.between(committed, regenerated);
        if (drift.isPresent() && Boolean.getBoolean("contracts.accept")) {
            PactDrift.accept(committed, regenerated);
            LOGGER.log(
                    System.Logger.Level.WARNING,
                    "Accepted the new pact into " + committed.normalize() + ":\n" + drift.get()
                            + "\nReview it with: git diff contracts/");
            return;
        }
        assertTrue(drift.isEmpty(), () -> """
                contracts/%s is not the pact the consumer tests write now:
                %s

                If the change is deliberate, accept it, review it and commit it:
                    ./mvnw -B verify -Dcontracts.accept=true
                    git diff contracts/%s
                The same build then verifies payments against the new pact and checks it against
                api-specs/payments.yaml. If it is not deliberate, fix the consumer test instead.""".formatted(PACT, drift.orElseThrow(), PACT));
    }
}
