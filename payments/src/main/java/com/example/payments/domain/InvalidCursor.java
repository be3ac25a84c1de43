package com.example.payments.domain;

/**
 * A cursor token that this service did not issue (or that was altered): the client must start again
 * from the first page or use a {@code nextCursor} it was given.
 */
public final class InvalidCursor extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; its message is written for the client. */
    public InvalidCursor() {
        super("is not a cursor this service issued; use nextCursor of a previous page");
    }
}
