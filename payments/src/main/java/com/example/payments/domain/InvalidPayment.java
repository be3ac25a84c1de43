package com.example.payments.domain;

import java.util.List;

/**
 * A request to create a payment whose fields are well-formed JSON but not acceptable values; every
 * invalid field is named at once, so that the client can fix them all.
 */
public final class InvalidPayment extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * Creates the exception.
     *
     * @param violations one entry per invalid field
     */
    public InvalidPayment(List<Violation> violations) {
        super("The payment is not valid");
        this.violations = List.copyOf(violations);
    }

    /**
     * The invalid fields.
     *
     * @return one entry per invalid field, in the order of the request's fields
     */
    public List<Violation> violations() {
        return violations;
    }

    /**
     * One invalid field.
     *
     * @param field  the field, as a JSON pointer into the request body ({@code /amount})
     * @param reason why its value is not accepted, for the client
     */
    public record Violation(String field, String reason) {}
}
