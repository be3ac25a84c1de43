package com.example.systemtests;

import com.example.support.testing.TestTokens;
import com.nimbusds.jose.JWSAlgorithm;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * The token issuer of the system tests: keys generated once per test JVM, their JWKS in a file that
 * every products process reads ({@code PRODUCTS_AUTH_JWKS_URI=file:...}), and tokens with every scope.
 */
final class SystemIssuer {

    private static final TestTokens TOKENS = TestTokens.generate();
    private static final Path JWKS = TOKENS.writeJwks(Repository.logDirectory().resolve("issuer-jwks.json"));

    private SystemIssuer() {}

    /** products' environment: where payments is, and which tokens to accept. */
    static Map<String, String> productsEnvironment(String paymentsBaseUri) {
        Map<String, String> environment = new HashMap<>(TestTokens.environment(JWKS));
        environment.put("PAYMENTS_BASE_URI", paymentsBaseUri);
        return Map.copyOf(environment);
    }

    /** @return an {@code Authorization} value with every scope, valid for an hour (longer than any test) */
    static String bearer() {
        return "Bearer " + token(TestTokens.ALL_SCOPES);
    }

    /** A token with the given scopes, valid for an hour. */
    static String token(java.util.Collection<String> scopes) {
        return TOKENS.sign(
                JWSAlgorithm.RS256,
                TestTokens.claims(String.join(" ", scopes))
                        .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1))))
                        .build());
    }
}
