package com.example.products.auth;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.support.testing.TestTokens;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier as products builds it from its settings, reading the issuer's JWKS from a file: URI. */
class JwksTokenVerifierTest {

    @TempDir
    Path directory;

    @Test
    void verifiesTokensAgainstAJwksFileAndNamesTheCaller() {
        TestTokens issuer = TestTokens.generate();
        TokenVerifier verifier = verifierReading(issuer.writeJwks(directory.resolve("jwks.json")));

        Caller caller = verifier.verify(issuer.token("payments:read", "products:read"));

        assertThat(caller.subject(), is("test-client"));
        assertThat(caller.clientId(), is("test-client"));
        assertThat(caller.scopes(), is(Set.of("payments:read", "products:read")));
        assertThat(caller.expiresAt().isAfter(Instant.now()), is(true));
        assertThat(
                verifier.verify(issuer.sign(
                                JWSAlgorithm.ES256,
                                TestTokens.claims("")
                                        .claim("client_id", null)
                                        .claim("azp", "web")
                                        .build()))
                        .clientId(),
                is("web"));
    }

    @Test
    void answersAMissingJwksAsUnavailableKeysNotAsTheCallersFault() {
        TestTokens issuer = TestTokens.generate();
        TokenVerifier verifier = verifierReading(directory.resolve("absent.json"));

        assertThrows(IssuerKeysUnavailableException.class, () -> verifier.verify(issuer.tokenWithAllScopes()));
    }

    @Test
    void rejectsEveryTokenOfAnotherIssuersKeysEvenWhenReadingTheKeysAgainIsRateLimited() {
        TestTokens issuer = TestTokens.generate();
        TokenVerifier verifier = verifierReading(issuer.writeJwks(directory.resolve("jwks.json")));
        verifier.verify(issuer.tokenWithAllScopes());

        // The first unknown key id makes the verifier read the JWKS again; the next ones, within 30 s, may not.
        for (int i = 0; i < 3; i++) {
            String stranger = TestTokens.generate().tokenWithAllScopes();
            var e = assertThrows(InvalidTokenException.class, () -> verifier.verify(stranger));
            assertThat(
                    e.getMessage(),
                    is("The access token is not signed with RS256 or ES256 by a key of the trusted issuer"));
        }
    }

    private static TokenVerifier verifierReading(Path jwks) {
        return JwksTokenVerifier.create(new AuthSettings(
                TestTokens.ISSUER, TestTokens.AUDIENCE, URI.create(jwks.toUri().toString())));
    }
}
