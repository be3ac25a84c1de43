package com.example.products.auth;

import com.example.support.testing.TestTokens;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

/**
 * A test issuer's keys and products' real token verifier reading them from memory: tests mint
 * tokens with {@link #issuer()} and start products with {@link #verifier()}.
 */
public final class TestIssuer {

    private final TestTokens issuer = TestTokens.generate();
    private final TokenVerifier verifier =
            new JwksTokenVerifier(TestTokens.ISSUER, TestTokens.AUDIENCE, new ImmutableJWKSet<>(issuer.publicKeys()));

    /** @return mints tokens */
    public TestTokens issuer() {
        return issuer;
    }

    /** @return products' verifier, trusting {@link #issuer()} */
    public TokenVerifier verifier() {
        return verifier;
    }
}
