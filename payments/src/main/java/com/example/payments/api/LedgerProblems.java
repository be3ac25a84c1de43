package com.example.payments.api;

import com.example.payments.domain.IdempotencyConflict;
import com.example.payments.domain.InvalidCursor;
import com.example.payments.domain.InvalidPayment;
import com.example.payments.domain.LedgerUnavailable;
import com.example.support.Problem;
import com.example.support.ProblemException;
import com.example.support.ProblemResponses;
import com.example.support.ProblemType;
import com.example.support.RequestCorrelation;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * The ledger's domain failures as problems: the edge, not the domain, knows HTTP.
 */
public final class LedgerProblems {

    private static final System.Logger LOGGER = System.getLogger(LedgerProblems.class.getName());
    /** The database usually returns, or the pool frees a connection, within a second or two. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private LedgerProblems() {}

    /**
     * Registers the mappings; Helidon picks the handler of the most specific exception type, so these
     * win over the shared handlers of {@code ErrorHandlers}.
     *
     * @param routing the routing of payments
     */
    public static void register(HttpRouting.Builder routing) {
        routing.error(InvalidCursor.class, LedgerProblems::invalidCursor)
                .error(InvalidPayment.class, LedgerProblems::invalidPayment)
                .error(IdempotencyConflict.class, LedgerProblems::idempotencyConflict)
                .error(LedgerUnavailable.class, LedgerProblems::unavailable);
    }

    /** A cursor this service did not issue: 400 naming the query parameter. */
    private static void invalidCursor(ServerRequest req, ServerResponse res, InvalidCursor e) {
        ProblemResponses.send(req, res, ProblemException.invalidParameter("cursor", e.getMessage()));
    }

    /** Well-formed JSON with values that are not accepted: 422 naming each field as a JSON pointer. */
    private static void invalidPayment(ServerRequest req, ServerResponse res, InvalidPayment e) {
        ProblemResponses.send(
                req,
                res,
                Problem.of(ProblemType.VALIDATION_FAILED, e.getMessage())
                        .withErrors(e.violations().stream()
                                .map(violation -> new Problem.InvalidParam(violation.field(), violation.reason()))
                                .toList()));
    }

    /** The key was used for another request: 422, and nothing was created. */
    private static void idempotencyConflict(ServerRequest req, ServerResponse res, IdempotencyConflict e) {
        ProblemResponses.send(
                req,
                res,
                Problem.of(ProblemType.IDEMPOTENCY_KEY_REUSED, e.getMessage())
                        .withErrors(List.of(
                                new Problem.InvalidParam("Idempotency-Key", "already used for another request"))));
    }

    /** 503 with Retry-After: a retry (with the same Idempotency-Key for a create) is safe. */
    private static void unavailable(ServerRequest req, ServerResponse res, LedgerUnavailable e) {
        LOGGER.log(
                Level.WARNING,
                e.getMessage() + " [X-Request-Id " + RequestCorrelation.requestId(req) + "]: " + e.getCause());
        ProblemResponses.send(
                req,
                res,
                new ProblemException(
                        Problem.of(
                                ProblemType.LEDGER_UNAVAILABLE,
                                "The payment ledger is unavailable for now; retry shortly (a create with the same Idempotency-Key)"),
                        RETRY_AFTER,
                        e));
    }
}
