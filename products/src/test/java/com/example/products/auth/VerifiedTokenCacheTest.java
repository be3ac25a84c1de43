package com.example.products.auth;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cache in front of the signature check: what it remembers, and for how long. */
class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> checked = new ArrayList<>();

    /**
     * A token valid for a while is checked once and asked for again later: remembered until it
     * expires, and no longer than {@link VerifiedTokenCache#MAX_AGE} (5 minutes), nor at all when it
     * was accepted within the clock skew after its expiry.
     */
    @ParameterizedTest(name = "valid for {0}, asked again after {1}: checked {2} time(s)")
    @CsvSource({"PT2M, PT1M59S, 1", "PT2M, PT2M, 2", "PT1H, PT4M59S, 1", "PT1H, PT5M, 2", "-PT10S, PT0S, 2"})
    void remembersATokenUntilItExpiresAndAtMostMaxAge(Duration validFor, Duration later, int checks) {
        TokenVerifier cache = cacheOver(token -> caller(NOW.plus(validFor)));

        Caller first = cache.verify("token-a");
        advance(later);
        Caller again = cache.verify("token-a");

        assertThat(checked, is(Collections.nCopies(checks, "token-a")));
        assertThat("the remembered caller", again == first, is(checks == 1));
    }

    @Test
    void neverRemembersARejectedTokenAndKeysOnTheWholeToken() {
        TokenVerifier cache = cacheOver(token -> {
            if (token.endsWith("x")) {
                throw new InvalidTokenException("The access token cannot be verified");
            }
            return caller(NOW.plus(Duration.ofMinutes(2)));
        });

        cache.verify("token-a");
        assertThrows(InvalidTokenException.class, () -> cache.verify("token-ax"));
        assertThrows(InvalidTokenException.class, () -> cache.verify("token-ax"));

        assertThat(checked, is(List.of("token-a", "token-ax", "token-ax")));
    }

    private TokenVerifier cacheOver(TokenVerifier verifier) {
        return new VerifiedTokenCache(
                token -> {
                    checked.add(token);
                    return verifier.verify(token);
                },
                () -> NOW.plusNanos(nanos.get()),
                nanos::get);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static Caller caller(Instant expiresAt) {
        return new Caller("client", "client", Set.of("payments:read"), expiresAt);
    }
}
