package com.example.products.auth;

/**
 * Verifies an access token and says who it belongs to: the port between the HTTP filter and the
 * token technology, so that tests can verify against keys of their own.
 */
public interface TokenVerifier {

    /**
     * Verifies a token.
     *
     * @param token the compact token from {@code Authorization: Bearer <token>}
     * @return the caller the token identifies
     * @throws InvalidTokenException when the token is not accepted, for whatever reason
     * @throws IssuerKeysUnavailableException when the issuer's keys cannot be had to check it
     */
    Caller verify(String token);
}
