package com.example.support;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Writes problem documents, and the handler that answers unsupported methods (405) with one.
 */
public final class ProblemResponses {

    /** {@code application/problem+json}. */
    public static final HttpMediaType PROBLEM_JSON = HttpMediaType.create(Problem.MEDIA_TYPE);

    private ProblemResponses() {}

    /**
     * Sends the problem as the response, with its status and content type, whatever the request accepts.
     *
     * @param request  the request, whose path becomes the problem's {@code instance} and whose trace id
     *                 its {@code traceId}
     * @param response the response to send
     * @param problem  the problem
     */
    public static void send(ServerRequest request, ServerResponse response, Problem problem) {
        response.status(Status.create(problem.status()));
        response.headers().contentType(PROBLEM_JSON);
        // Written as bytes, not through media negotiation: a client that accepts only application/json
        // still gets the problem, rather than a 415 about the error itself.
        response.send(Json.bytes(problem.at(request.path().absolute().path())
                .tracedAs(TraceIds.of(request).map(TraceIds::traceId).orElse(null))));
    }

    /**
     * Sends the problem carried by the exception, with {@code Retry-After} when it has one.
     *
     * @param request  the request
     * @param response the response to send
     * @param failure  the failure
     */
    public static void send(ServerRequest request, ServerResponse response, ProblemException failure) {
        failure.retryAfter()
                .map(Duration::toSeconds)
                .ifPresent(seconds -> response.header(HeaderNames.RETRY_AFTER, String.valueOf(Math.max(1, seconds))));
        send(request, response, failure.problem());
    }

    /**
     * Answers 405 with an {@code Allow} header on each of the given routes' paths for any method
     * the path has no route for, so that a path the API has is never a 404. The generated services
     * call it after registering their routes ({@code api-specs/templates}).
     *
     * @param rules  the service's routing rules
     * @param routes the service's routes, each as method and path, e.g. {@code "GET /{paymentId}"}
     */
    public static void rejectOtherMethods(HttpRules rules, String... routes) {
        Map<String, SortedSet<String>> allowed = new LinkedHashMap<>();
        for (String route : routes) {
            String[] methodAndPath = route.split(" ", 2);
            allowed.computeIfAbsent(methodAndPath[1], path -> new TreeSet<>()).add(methodAndPath[0]);
        }
        allowed.forEach((path, methods) -> rules.any(path, methodNotAllowed(String.join(", ", methods))));
    }

    private static Handler methodNotAllowed(String allowed) {
        return (req, res) -> {
            res.header(HeaderNames.ALLOW, allowed);
            send(
                    req,
                    res,
                    Problem.of(
                            Status.METHOD_NOT_ALLOWED_405,
                            req.prologue().method().text() + " is not supported here; use " + allowed));
        };
    }
}
