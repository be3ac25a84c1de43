package com.example.products.auth;

/**
 * An access token that is not accepted. The message is a fixed sentence for the client's developer
 * and never repeats the token's content.
 */
public final class InvalidTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param reason why the token is not accepted, e.g. "The access token has expired"
     */
    public InvalidTokenException(String reason) {
        super(reason, null, false, false);
    }
}
