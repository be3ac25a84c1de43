package com.example.payments.api;

import com.example.payments.api.generated.PaymentsService;
import com.example.payments.api.model.NewPayment;
import com.example.payments.api.model.PaymentStatus;
import com.example.payments.domain.Cursor;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.domain.PaymentQuery;
import com.example.support.IdempotencyKey;
import com.example.support.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * {@code /metaapi/1.0/payments}: the generated routing and parameter validation, with handlers that
 * translate, call the ledger once, map and send.
 */
public final class PaymentsEndpoint extends PaymentsService {

    /** Where the endpoint is mounted. */
    public static final String PATH = "/metaapi/1.0/payments";

    private final PaymentLedger ledger;

    /**
     * Creates the endpoint.
     *
     * @param ledger where payments are kept
     */
    public PaymentsEndpoint(PaymentLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    protected void handleListPayments(
            ServerRequest request,
            ServerResponse response,
            Optional<PaymentStatus> status,
            Optional<Integer> limit,
            Optional<String> cursor) {
        PaymentQuery query = new PaymentQuery(
                status.map(PaymentMapper::toDomain),
                limit.orElse(PaymentQuery.DEFAULT_LIMIT),
                cursor.map(Cursor::decode));
        response.send(PaymentMapper.toApi(ledger.list(query)));
    }

    @Override
    protected void handleGetPayment(ServerRequest request, ServerResponse response, String paymentId) {
        var payment =
                ledger.find(paymentId).orElseThrow(() -> ProblemException.notFound("No payment with id " + paymentId));
        response.send(PaymentMapper.toApi(payment));
    }

    @Override
    protected void handleCreatePayment(
            ServerRequest request, ServerResponse response, String idempotencyKey, NewPayment newPayment) {
        PaymentLedger.Creation creation =
                ledger.create(IdempotencyKey.valid(idempotencyKey), PaymentMapper.toDomain(newPayment));
        response.status(Status.CREATED_201)
                .header(HeaderNames.LOCATION, PATH + "/" + creation.payment().id())
                .header(IdempotencyKey.REPLAYED, String.valueOf(creation.replayed()))
                .send(PaymentMapper.toApi(creation.payment()));
    }
}
