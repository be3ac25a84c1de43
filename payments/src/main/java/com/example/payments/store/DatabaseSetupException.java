package com.example.payments.store;

/**
 * payments cannot start with its database: a setting is missing or malformed, or the database
 * cannot be reached or migrated. The message is one line for the operator and names the
 * environment variable to check; it never contains a password.
 */
public final class DatabaseSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming the setting to fix
     */
    public DatabaseSetupException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message one line naming the setting to fix
     * @param cause   the underlying failure, for a debug log
     */
    public DatabaseSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
