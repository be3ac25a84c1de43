package com.example.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place where failures become HTTP statuses. Every handled failure is answered with a
 * problem document; no exception message or stack trace of an unexpected failure reaches a client.
 */
public final class ErrorHandlers {

    private static final System.Logger LOGGER = System.getLogger(ErrorHandlers.class.getName());

    private ErrorHandlers() {}

    /**
     * Registers the error handlers on a routing.
     *
     * @param routing the routing of a service
     */
    public static void register(HttpRouting.Builder routing) {
        routing.error(ProblemException.class, ProblemResponses::send)
                .error(HttpException.class, ErrorHandlers::httpException)
                .error(RuntimeException.class, ErrorHandlers::unexpected);
    }

    /** Failures Helidon raises with a status of its own, such as an unreadable request entity. */
    private static void httpException(ServerRequest req, ServerResponse res, HttpException e) {
        JsonProcessingException json = jsonCause(e);
        if (json != null) {
            ProblemResponses.send(req, res, malformedJson(json));
        } else if (e.status().code() >= 500) {
            unexpected(req, res, e);
        } else if (e.status() == Status.NOT_FOUND_404) {
            // No route matched: Helidon's own 404.
            ProblemResponses.send(
                    req,
                    res,
                    Problem.of(
                            e.status(),
                            "No resource at " + req.prologue().method().text() + " "
                                    + req.path().absolute().path()));
        } else {
            ProblemResponses.send(req, res, Problem.of(e.status(), e.status().reasonPhrase()));
        }
    }

    private static void unexpected(ServerRequest req, ServerResponse res, RuntimeException e) {
        JsonProcessingException json = jsonCause(e);
        if (json != null) {
            ProblemResponses.send(req, res, malformedJson(json));
            return;
        }
        String requestId = RequestCorrelation.requestId(req);
        LOGGER.log(
                Level.ERROR,
                "Unexpected failure of " + req.prologue().method().text() + " "
                        + req.path().path() + " [X-Request-Id " + requestId + "]",
                e);
        ProblemResponses.send(
                req,
                res,
                Problem.of(
                        Status.INTERNAL_SERVER_ERROR_500,
                        "An unexpected error occurred; quote X-Request-Id " + requestId + " when reporting it."));
    }

    /** A body that is not JSON, or JSON of the wrong shape: say where, never which Java type. */
    static Problem malformedJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            if (mapping.getPath().isEmpty()) {
                return Problem.of(
                        ProblemType.MALFORMED_BODY, "The JSON body has the wrong type; an object is expected");
            }
            String pointer = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .collect(Collectors.joining("/", "/", ""));
            return Problem.of(ProblemType.MALFORMED_BODY, "The JSON body has a value of the wrong type at " + pointer)
                    .withErrors(List.of(new Problem.InvalidParam(pointer, "wrong JSON type")));
        }
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return Problem.of(ProblemType.MALFORMED_BODY, "The body is not well-formed JSON" + where);
    }

    private static JsonProcessingException jsonCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }
}
