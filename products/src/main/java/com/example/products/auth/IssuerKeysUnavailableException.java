package com.example.products.auth;

/**
 * The issuer's keys (its JWKS) could not be read, so no token can be checked now: products' problem,
 * not the caller's, answered with 503.
 */
public final class IssuerKeysUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param cause why the keys could not be read
     */
    public IssuerKeysUnavailableException(Throwable cause) {
        super("The issuer's keys cannot be read", cause);
    }
}
