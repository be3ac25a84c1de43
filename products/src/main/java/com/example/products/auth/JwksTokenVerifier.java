package com.example.products.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Verifies access tokens with Nimbus JOSE+JWT against the issuer's JWKS: a JWS signed with RS256 or
 * ES256 (no other algorithm, so no {@code none} and no HMAC keyed with a public key), by a key of the
 * JWKS, with the configured issuer and audience, an expiry, and {@code exp}/{@code nbf} honoured
 * within {@link #CLOCK_SKEW_SECONDS}.
 */
public final class JwksTokenVerifier implements TokenVerifier {

    /** How far products' clock may be from the issuer's. */
    public static final int CLOCK_SKEW_SECONDS = 30;

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    private static final System.Logger LOGGER = System.getLogger(JwksTokenVerifier.class.getName());

    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /**
     * Creates a verifier with the given keys.
     *
     * @param issuer   the exact {@code iss} of accepted tokens
     * @param audience the {@code aud} accepted tokens must contain
     * @param keys     the issuer's public keys
     */
    public JwksTokenVerifier(String issuer, String audience, JWKSource<SecurityContext> keys) {
        // RFC 9068 access tokens are typed at+jwt; many issuers (Cognito among them) send JWT or no type.
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                Set.of(audience), new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp"), Set.of());
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * Creates a verifier that reads the issuer's JWKS from its URI. The keys are cached (5 minutes)
     * and read again, at most every 30 seconds, when a token names a key id the cache lacks, so a
     * rotated key is picked up without a restart and a flood of unknown key ids cannot flood the issuer.
     *
     * @param settings issuer, audience and JWKS URI
     * @return the verifier
     */
    public static JwksTokenVerifier create(AuthSettings settings) {
        try {
            JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(
                            settings.jwksUri().toURL())
                    .retrying(true)
                    .build();
            return new JwksTokenVerifier(settings.issuer(), settings.audience(), keys);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a URL: " + settings.jwksUri(), e);
        }
    }

    @Override
    public Caller verify(String token) {
        JWTClaimsSet claims = claims(token);
        try {
            String scope = claims.getStringClaim("scope");
            Set<String> scopes = scope == null
                    ? Set.of()
                    : Arrays.stream(scope.split(" ")).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
            String clientId = Optional.ofNullable(claims.getStringClaim("client_id"))
                    .or(() -> Optional.ofNullable(azp(claims)))
                    .orElse("-");
            return new Caller(
                    Optional.ofNullable(claims.getSubject()).orElse("-"),
                    clientId,
                    scopes,
                    claims.getExpirationTime().toInstant());
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token's scope or client claims are not strings");
        }
    }

    private JWTClaimsSet claims(String token) {
        try {
            return processor.process(token, null);
        } catch (ExpiredJWTException e) {
            throw new InvalidTokenException("The access token has expired");
        } catch (BadJWTException e) {
            throw new InvalidTokenException(
                    "The access token's claims are not accepted (issuer, audience, expiry or not-before)");
        } catch (BadJOSEException e) {
            throw new InvalidTokenException(
                    "The access token is not signed with RS256 or ES256 by a key of the trusted issuer");
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token is not a well-formed JWT");
        } catch (RateLimitReachedException e) {
            // The keys were read again moments ago for another unknown key id: this one is not the issuer's.
            throw new InvalidTokenException(
                    "The access token is not signed with RS256 or ES256 by a key of the trusted issuer");
        } catch (KeySourceException e) {
            throw new IssuerKeysUnavailableException(e);
        } catch (JOSEException | RuntimeException e) {
            // Whatever a hostile token makes the parser throw is the token's fault, never a 500.
            LOGGER.log(
                    System.Logger.Level.DEBUG,
                    "Token rejected by " + e.getClass().getName(),
                    e);
            throw new InvalidTokenException("The access token cannot be verified");
        }
    }

    private static String azp(JWTClaimsSet claims) {
        try {
            return claims.getStringClaim("azp");
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token's scope or client claims are not strings");
        }
    }
}
