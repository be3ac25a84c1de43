package com.example.payments.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.contracts.PactConformance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pact within OpenAPI: every interaction of every pact in {@code contracts/} is one that
 * {@code api-specs/payments.yaml} allows. Provider verification alone would accept a consumer relying
 * on something payments happens to do but never promised; this check does not.
 */
class PactsConformToSpecTest {

    private static final Path CONTRACTS = Path.of(System.getProperty("contracts.dir", "../contracts"));
    private static final Path SPEC =
            Path.of(System.getProperty("api-specs.dir", "../api-specs")).resolve("payments.yaml");

    static Stream<Path> pacts() throws IOException {
        try (Stream<Path> files = Files.list(CONTRACTS)) {
            List<Path> pacts = files.filter(
                            file -> file.getFileName().toString().endsWith("-payments.json"))
                    .sorted()
                    .toList();
            if (pacts.isEmpty()) {
                throw new IllegalStateException(
                        "No pact with payments in " + CONTRACTS.toAbsolutePath().normalize());
            }
            return pacts.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pacts")
    void everyInteractionIsAllowedByTheSpec(Path pact) {
        List<PactConformance.Violation> violations = PactConformance.check(SPEC, pact);

        assertTrue(violations.isEmpty(), () -> """
                %s expects what api-specs/payments.yaml does not promise:
                %s
                Either the consumer test asks for too much (fix it and accept the new pact), or the spec
                must promise it first (an additive change to payments.yaml, implemented by payments).""".formatted(
                pact.getFileName(),
                violations.stream().map(PactConformance.Violation::toString).collect(Collectors.joining("\n"))));
    }
}
