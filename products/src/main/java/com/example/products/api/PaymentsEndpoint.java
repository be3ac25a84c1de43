package com.example.products.api;

import com.example.products.api.generated.PaymentsService;
import com.example.products.api.generated.ValidatorUtils;
import com.example.products.api.model.NewPayment;
import com.example.products.api.model.PaymentStatus;
import com.example.products.auth.Caller;
import com.example.products.payments.PaymentsGateway;
import com.example.support.IdempotencyKey;
import com.example.support.JsonBodies;
import com.example.support.ProblemException;
import com.example.support.ProblemResponses;
import com.example.support.QueryParameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * {@code /api/1.0/payments}: served by calling the payments service through the gateway.
 */
public final class PaymentsEndpoint extends PaymentsService {

    /** Where the endpoint is mounted. */
    public static final String PATH = "/api/1.0/payments";

    private static final int DEFAULT_LIMIT = 20;
    private static final System.Logger LOGGER = System.getLogger(PaymentsEndpoint.class.getName());

    private final PaymentsGateway payments;

    /**
     * Creates the endpoint.
     *
     * @param payments the payments service
     */
    public PaymentsEndpoint(PaymentsGateway payments) {
        this.payments = payments;
    }

    @Override
    public void routing(HttpRules rules) {
        super.routing(rules);
        rules.any("/", ProblemResponses.methodNotAllowed("GET, POST"))
                .any("/{paymentId}", ProblemResponses.methodNotAllowed("GET"));
    }

    @Override
    protected void handleListPayments(
            ServerRequest request,
            ServerResponse response,
            Optional<PaymentStatus> status,
            Optional<Integer> limit,
            Optional<String> cursor) {
        var page = payments.list(status.map(PaymentMapper::toPayments), limit.orElse(DEFAULT_LIMIT), cursor);
        response.send(PaymentMapper.toApi(page));
    }

    @Override
    protected void handleGetPayment(ServerRequest request, ServerResponse response, String paymentId) {
        var payment = payments.find(paymentId)
                .orElseThrow(() -> ProblemException.notFound("No payment with id " + paymentId));
        response.send(PaymentMapper.toApi(payment));
    }

    @Override
    protected void handleCreatePayment(
            ServerRequest request, ServerResponse response, String idempotencyKey, NewPayment newPayment) {
        PaymentsGateway.Created created = payments.create(idempotencyKey, PaymentMapper.toPayments(newPayment));
        LOGGER.log(
                Level.INFO,
                () -> (created.replayed() ? "Replayed" : "Created") + " payment "
                        + created.payment().getId() + " for "
                        + Caller.of(request).map(Caller::toString).orElse("an unauthenticated caller"));
        response.status(Status.CREATED_201)
                .header(HeaderNames.LOCATION, PATH + "/" + created.payment().getId())
                .header(IdempotencyKey.REPLAYED, String.valueOf(created.replayed()))
                .send(PaymentMapper.toApi(created.payment()));
    }

    @Override
    protected ListPaymentsOp createListPaymentsOp() {
        return new ListPaymentsOp() {
            @Override
            protected Optional<PaymentStatus> status(ServerRequest request, ValidatorUtils.Validator validator) {
                return QueryParameters.oneOf(
                        request.query(), "status", PaymentStatus.values(), PaymentStatus::getValue);
            }

            @Override
            protected Optional<Integer> limit(ServerRequest request, ValidatorUtils.Validator validator) {
                return QueryParameters.integer(request.query(), "limit", DEFAULT_LIMIT);
            }
        };
    }

    @Override
    protected CreatePaymentOp createCreatePaymentOp() {
        return new CreatePaymentOp() {
            @Override
            protected String idempotencyKey(ServerRequest request, ValidatorUtils.Validator validator) {
                return IdempotencyKey.of(request);
            }

            @Override
            protected NewPayment newPayment(ServerRequest request, ValidatorUtils.Validator validator) {
                return JsonBodies.read(request, NewPayment.class);
            }
        };
    }

    @Override
    public void afterStop() {
        // The generated stub prints to System.out; the server's own log says when it stops.
    }
}
