package com.example.payments.api;

import com.example.payments.domain.InvalidCursor;
import com.example.payments.domain.InvalidPayment;
import com.example.support.Problem;
import com.example.support.ProblemException;
import com.example.support.ProblemResponses;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The ledger's domain failures as problems: the edge, not the domain, knows HTTP.
 */
public final class LedgerProblems {

    private LedgerProblems() {}

    /**
     * Registers the mappings; Helidon picks the handler of the most specific exception type, so these
     * win over the shared handlers of {@code ErrorHandlers}.
     *
     * @param routing the routing of payments
     */
    public static void register(HttpRouting.Builder routing) {
        routing.error(InvalidCursor.class, LedgerProblems::invalidCursor)
                .error(InvalidPayment.class, LedgerProblems::invalidPayment);
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
                Problem.of(Status.UNPROCESSABLE_CONTENT_422, e.getMessage())
                        .withErrors(e.violations().stream()
                                .map(violation -> new Problem.InvalidParam(violation.field(), violation.reason()))
                                .toList()));
    }
}
