package com.example.support.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * An issuer for tests: an RSA and an EC key generated when created, their public JWKS, and access
 * tokens signed with them (RS256 or ES256), valid unless a test says otherwise.
 */
public final class TestTokens {

    /** The issuer products' tests configure. */
    public static final String ISSUER = "https://issuer.test/";
    /** The audience products' tests configure. */
    public static final String AUDIENCE = "products";
    /** Every scope of products' API. */
    public static final List<String> ALL_SCOPES = List.of("payments:read", "payments:write", "products:read");

    private final RSAKey rsa;
    private final ECKey ec;

    private TestTokens(RSAKey rsa, ECKey ec) {
        this.rsa = rsa;
        this.ec = ec;
    }

    /** @return an issuer with newly generated RSA and EC keys */
    public static TestTokens generate() {
        try {
            return new TestTokens(
                    new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate(),
                    new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the public keys, as the issuer publishes them */
    public JWKSet publicKeys() {
        return new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK()));
    }

    /** @return {@code file}, holding the public JWKS, for products given {@code PRODUCTS_AUTH_JWKS_URI=file:...} */
    public Path writeJwks(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.writeString(file, publicKeys().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the RSA signing key (private), for tests that craft hostile tokens */
    public RSAKey rsaKey() {
        return rsa;
    }

    /** @return a valid RS256 token granting {@code scopes} */
    public String token(String... scopes) {
        return sign(JWSAlgorithm.RS256, claims(String.join(" ", scopes)).build());
    }

    /** @return a valid RS256 token with every scope of products' API */
    public String tokenWithAllScopes() {
        return token(ALL_SCOPES.toArray(String[]::new));
    }

    /**
     * @return the claims of a valid token granting {@code scope} (space-separated): issuer, audience,
     *     subject, client, five minutes of validity, for a test to change before signing
     */
    public static JWTClaimsSet.Builder claims(String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("test-client")
                .claim("client_id", "test-client")
                .claim("scope", scope)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    /** @return {@code claims} signed with this issuer's key for {@code algorithm}, RS256 or ES256 */
    public String sign(JWSAlgorithm algorithm, JWTClaimsSet claims) {
        JWK key = JWSAlgorithm.ES256.equals(algorithm) ? ec : rsa;
        return sign(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(key.getKeyID()), key, claims);
    }

    /**
     * @return {@code claims} signed with any RSA or EC key under any header (its algorithm suiting the
     *     key), for hostile tokens: an unknown key, a huge header
     */
    public static String sign(JWSHeader.Builder header, JWK key, JWTClaimsSet claims) {
        try {
            JWSSigner signer = key instanceof ECKey ecKey ? new ECDSASigner(ecKey) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(header.build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the {@code PRODUCTS_AUTH_*} settings pointing products at {@code jwks} (from {@link #writeJwks}) */
    public static Map<String, String> environment(Path jwks) {
        return Map.of(
                "PRODUCTS_AUTH_ISSUER", ISSUER,
                "PRODUCTS_AUTH_AUDIENCE", AUDIENCE,
                "PRODUCTS_AUTH_JWKS_URI", jwks.toAbsolutePath().toUri().toString());
    }
}
