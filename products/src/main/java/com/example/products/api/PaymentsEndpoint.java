package com.example.products.api;

import com.example.products.api.generated.PaymentsService;
import com.example.products.api.model.NewPayment;
import com.example.products.auth.Caller;
import com.example.products.payments.PaymentsGateway;
import com.example.support.IdempotencyKey;
import com.example.support.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
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
    protected void handleListPayments(
            ServerRequest request,
            ServerResponse response,
            Optional<String> status,
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
        PaymentsGateway.Created created =
                payments.create(IdempotencyKey.valid(idempotencyKey), PaymentMapper.toPayments(newPayment));
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
}
