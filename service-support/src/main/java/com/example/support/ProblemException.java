package com.example.support;

import io.helidon.http.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A failure that the client must see as a specific problem response; the routing error handlers
 * turn it into {@code application/problem+json}. Its message is the problem's {@code detail}, so
 * it must be written for the client and never carry internal state.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Duration retryAfter;

    /**
     * Creates an exception for the given problem.
     *
     * @param problem    what the client will receive
     * @param retryAfter when set, sent as {@code Retry-After} in whole seconds
     * @param cause      the underlying failure, logged but never sent
     */
    public ProblemException(Problem problem, Duration retryAfter, Throwable cause) {
        super(problem.detail(), cause);
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    /**
     * A 400 problem for a missing or malformed request body.
     *
     * @param detail what is malformed
     * @return the exception
     */
    public static ProblemException malformedBody(String detail) {
        return new ProblemException(Problem.of(ProblemType.MALFORMED_BODY, detail), null, null);
    }

    /**
     * A 400 problem naming one invalid parameter.
     *
     * @param parameter the parameter or header name
     * @param reason    why its value is not accepted
     * @return the exception
     */
    public static ProblemException invalidParameter(String parameter, String reason) {
        return invalidParameters(List.of(new Problem.InvalidParam(parameter, reason)));
    }

    /**
     * A 400 problem naming every invalid parameter of a request, as the generated servers'
     * parameter validation collects them.
     *
     * @param invalid the parameter or header names, each with why its value is not accepted
     * @return the exception
     */
    public static ProblemException invalidParameters(List<Problem.InvalidParam> invalid) {
        String detail = invalid.stream()
                .map(param -> param.name() + ": " + param.reason())
                .collect(Collectors.joining("; "));
        return new ProblemException(
                Problem.of(ProblemType.INVALID_PARAMETERS, detail).withErrors(List.copyOf(invalid)), null, null);
    }

    /**
     * A 404 problem.
     *
     * @param detail what was not found
     * @return the exception
     */
    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(Status.NOT_FOUND_404, detail), null, null);
    }

    /**
     * A 422 problem for a well-formed body whose values are not accepted ({@link ProblemType#VALIDATION_FAILED}).
     *
     * @param detail  summary
     * @param invalid one entry per invalid field (JSON pointers)
     * @return the exception
     */
    public static ProblemException unprocessable(String detail, List<Problem.InvalidParam> invalid) {
        return new ProblemException(
                Problem.of(ProblemType.VALIDATION_FAILED, detail).withErrors(invalid), null, null);
    }

    /**
     * The problem the client will receive.
     *
     * @return the problem
     */
    public Problem problem() {
        return problem;
    }

    /**
     * When the client may retry, if the server knows.
     *
     * @return the delay for {@code Retry-After}
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
