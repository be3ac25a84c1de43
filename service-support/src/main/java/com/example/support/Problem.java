package com.example.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.helidon.http.Status;
import java.util.List;

/**
 * An RFC 9457 problem document, the body of every error response of both services.
 *
 * @param type     URI reference that identifies the problem type: a {@link ProblemType}'s, or {@code about:blank}
 *                 where the status says everything
 * @param title    short summary of the problem type
 * @param status   the HTTP status code
 * @param detail   what went wrong with this request, written for the client's developer
 * @param instance the request path the problem occurred on
 * @param errors   one entry per invalid parameter or field; empty when not applicable
 * @param traceId  the W3C trace id of the request, to quote when reporting it; absent when not traced
 */
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<InvalidParam> errors,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceId) {

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * Creates a problem of type {@code about:blank} whose title is the status' reason phrase.
     *
     * @param status the HTTP status
     * @param detail what went wrong
     * @return the problem, without instance and errors
     */
    public static Problem of(Status status, String detail) {
        return new Problem("about:blank", status.reasonPhrase(), status.code(), detail, null, List.of(), null);
    }

    /**
     * Creates a problem of the given type, with its title and status.
     *
     * @param type   the problem type
     * @param detail what went wrong
     * @return the problem, without instance and errors
     */
    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status().code(), detail, null, List.of(), null);
    }

    /**
     * Returns this problem with the given invalid parameters.
     *
     * @param invalid one entry per invalid parameter or field
     * @return a copy with {@code errors} set
     */
    public Problem withErrors(List<InvalidParam> invalid) {
        return new Problem(type, title, status, detail, instance, List.copyOf(invalid), traceId);
    }

    /**
     * Returns this problem as it occurred on the given path.
     *
     * @param path the request path
     * @return a copy with {@code instance} set
     */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors, traceId);
    }

    /**
     * Returns this problem with the trace id of the request it answers.
     *
     * @param trace the trace id, or {@code null}
     * @return a copy with {@code traceId} set
     */
    public Problem tracedAs(String trace) {
        return new Problem(type, title, status, detail, instance, errors, trace);
    }

    /**
     * One invalid parameter, header or body field.
     *
     * @param name   the parameter or header name, or a JSON pointer ({@code /amount}) for a body field
     * @param reason why its value is not accepted
     */
    public record InvalidParam(String name, String reason) {}
}
