package com.example.products.auth;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The cache in front of the signature check: what it remembers, and for how long. */
class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> checked = new ArrayList<>();

    @Test
    void checksATokenOnceWhileItIsValid() {
        TokenVerifier cache = cacheOver(token -> caller(NOW.plus(Duration.ofMinutes(2))));

        Caller first = cache.verify("token-a");
        advance(Duration.ofSeconds(119));

        assertThat(cache.verify("token-a"), sameInstance(first));
        assertThat(checked, is(List.of("token-a")));
    }

    @Test
    void checksATokenAgainOnceItHasExpired() {
        TokenVerifier cache = cacheOver(token -> caller(NOW.plus(Duration.ofMinutes(2))));

        cache.verify("token-a");
        advance(Duration.ofMinutes(2));
        cache.verify("token-a");

        assertThat(checked, is(List.of("token-a", "token-a")));
    }

    @Test
    void remembersALongLivedTokenNoLongerThanTheIssuersKeys() {
        TokenVerifier cache = cacheOver(token -> caller(NOW.plus(Duration.ofHours(1))));

        cache.verify("token-a");
        advance(VerifiedTokenCache.MAX_AGE.minusSeconds(1));
        cache.verify("token-a");
        advance(Duration.ofSeconds(1));
        cache.verify("token-a");

        assertThat(checked, is(List.of("token-a", "token-a")));
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

    @Test
    void doesNotRememberATokenAcceptedWithinTheClockSkewAfterItsExpiry() {
        TokenVerifier cache = cacheOver(token -> caller(NOW.minusSeconds(10)));

        cache.verify("token-a");
        cache.verify("token-a");

        assertThat(checked, is(List.of("token-a", "token-a")));
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
