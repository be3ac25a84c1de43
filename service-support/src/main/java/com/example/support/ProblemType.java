package com.example.support;

import io.helidon.http.Status;
import java.util.Arrays;
import java.util.Optional;

/**
 * The problem types both services send, each a stable URI that a client may branch on. A problem
 * whose status says everything (401, 404, 405, 413, 415, 500, 502, 504) has type {@code about:blank}
 * instead, and is made with {@link Problem#of(Status, String)}.
 *
 * <p>Each spec lists the types its API sends under {@code components.x-problem-types}, with the
 * same URI, title and status and the meaning a client relies on; the services' tests hold the specs
 * and this list together, and the contract gates treat a type removed or changed as a breaking change.
 * A type, once released, never changes its URI, title or status: a new meaning is a new type.
 */
public enum ProblemType {

    /** 400: one or more query, path or header parameters are not accepted; {@code errors} names each. */
    INVALID_PARAMETERS("invalid-parameters", "Invalid parameters", Status.BAD_REQUEST_400),

    /** 400: the body is missing, not JSON, or JSON of the wrong shape; {@code errors} names a mistyped field. */
    MALFORMED_BODY("malformed-body", "Malformed body", Status.BAD_REQUEST_400),

    /** 422: the body is well-formed, but values are not accepted; {@code errors} names each field by JSON pointer. */
    VALIDATION_FAILED("validation-failed", "Validation failed", Status.UNPROCESSABLE_CONTENT_422),

    /** 422: the {@code Idempotency-Key} was used before with another request; nothing was created. */
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused", Status.UNPROCESSABLE_CONTENT_422),

    /** 403: the access token is valid, but lacks a scope the operation needs. */
    INSUFFICIENT_SCOPE("insufficient-scope", "Insufficient scope", Status.FORBIDDEN_403),

    /** 429: the caller sent more requests than its rate limit allows; retry after {@code Retry-After}. */
    RATE_LIMITED("rate-limited", "Rate limited", Status.TOO_MANY_REQUESTS_429),

    /** 503: the payment ledger (its database) is unavailable; retry after {@code Retry-After}. */
    LEDGER_UNAVAILABLE("ledger-unavailable", "Ledger unavailable", Status.SERVICE_UNAVAILABLE_503),

    /** 503: the payments service has no healthy instance; retry after {@code Retry-After}. */
    PAYMENTS_UNAVAILABLE("payments-unavailable", "Payments unavailable", Status.SERVICE_UNAVAILABLE_503),

    /** 503: calls to payments are paused after repeated failures; retry after {@code Retry-After}. */
    BREAKER_OPEN("breaker-open", "Payments calls paused", Status.SERVICE_UNAVAILABLE_503),

    /** 503: access tokens cannot be checked, because the issuer's keys cannot be fetched; retry later. */
    AUTHENTICATION_UNAVAILABLE(
            "authentication-unavailable", "Authentication unavailable", Status.SERVICE_UNAVAILABLE_503);

    /** Where every type URI starts; the reference page ({@code /docs}) documents each. */
    public static final String BASE_URI = "https://api.example.com/problems/";

    /** The type of a problem whose status says everything (RFC 9457, section 4.2.1). */
    public static final String ABOUT_BLANK = "about:blank";

    private final String uri;
    private final String title;
    private final Status status;

    ProblemType(String name, String title, Status status) {
        this.uri = BASE_URI + name;
        this.title = title;
        this.status = status;
    }

    /**
     * The type's URI, the value of a problem's {@code type}.
     *
     * @return the absolute URI
     */
    public String uri() {
        return uri;
    }

    /**
     * The type's title, the same for every occurrence.
     *
     * @return the title
     */
    public String title() {
        return title;
    }

    /**
     * The status that every problem of this type has.
     *
     * @return the HTTP status
     */
    public Status status() {
        return status;
    }

    /**
     * The type with the given URI.
     *
     * @param uri a problem's {@code type}
     * @return the type, or empty for {@code about:blank}, a missing type and any URI this list does not have
     */
    public static Optional<ProblemType> of(String uri) {
        return Arrays.stream(values()).filter(type -> type.uri.equals(uri)).findFirst();
    }
}
