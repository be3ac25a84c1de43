package com.example.products.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Remembers the tokens another verifier accepted, so that a client sending the same token on every
 * request (as OAuth clients do for the token's lifetime) pays for its signature check once rather
 * than on every request. A token is remembered until it expires, and at most {@link #MAX_AGE}: the
 * time the issuer's keys are cached, so a key the issuer withdraws stops being honoured as soon as it
 * would without this cache. Only accepted tokens are remembered, keyed by the whole token, so a
 * token differing in any character is verified afresh; a rejected one is verified on every try.
 */
public final class VerifiedTokenCache implements TokenVerifier {

    /** The longest a verified token is remembered: the lifetime of the cached JWKS. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** How many tokens are remembered: about 5 MB at 1 KB a token; the least useful go first. */
    public static final int MAX_TOKENS = 4096;

    private final TokenVerifier verifier;
    private final Cache<String, Caller> verified;

    /**
     * Remembers what the given verifier accepts.
     *
     * @param verifier the verifier that checks a token the first time
     */
    public VerifiedTokenCache(TokenVerifier verifier) {
        this(verifier, InstantSource.system(), Ticker.systemTicker());
    }

    /**
     * Remembers what the given verifier accepts, with its own time sources (for tests).
     *
     * @param verifier the verifier that checks a token the first time
     * @param clock    the wall clock the tokens' expiry is compared with
     * @param ticker   the ticker the cache ages its entries by
     */
    VerifiedTokenCache(TokenVerifier verifier, InstantSource clock, Ticker ticker) {
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfter(Expiry.<String, Caller>creating((token, caller) -> remembered(caller, clock)))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Caller verify(String token) {
        return verified.get(token, verifier::verify);
    }

    private static Duration remembered(Caller caller, InstantSource clock) {
        Duration untilExpiry = Duration.between(clock.instant(), caller.expiresAt());
        return untilExpiry.isNegative() ? Duration.ZERO : min(untilExpiry, MAX_AGE);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
