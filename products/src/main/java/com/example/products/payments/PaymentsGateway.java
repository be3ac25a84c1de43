package com.example.products.payments;

import com.example.products.payments.client.model.NewPayment;
import com.example.products.payments.client.model.Payment;
import com.example.products.payments.client.model.PaymentPage;
import com.example.products.payments.client.model.PaymentStatus;
import java.util.Optional;

/**
 * The payments service as products needs it. The types are the payments contract's own, generated
 * from {@code payments.yaml}.
 *
 * <p>Every method either answers, or throws a {@link com.example.support.ProblemException} that is
 * ready to send: {@link PaymentsCallException} when payments could not be used (502, 503, 504) or
 * {@link PaymentsRejectedException} when payments refused the request (its 4xx, relayed).
 */
public interface PaymentsGateway {

    /**
     * Lists one page of payments, newest first.
     *
     * @param status only payments in this status, when present
     * @param limit  page size
     * @param cursor where the page starts, from a previous page
     * @return the page
     */
    PaymentPage list(Optional<PaymentStatus> status, int limit, Optional<String> cursor);

    /**
     * Finds one payment.
     *
     * @param paymentId the id
     * @return the payment, or empty when payments has none with this id
     */
    Optional<Payment> find(String paymentId);

    /**
     * Creates a payment; safe to retry with the same key.
     *
     * @param idempotencyKey the caller's key, forwarded as it is
     * @param request        the new payment
     * @return the payment, and whether payments replayed an earlier request with this key
     */
    Created create(String idempotencyKey, NewPayment request);

    /**
     * The outcome of {@link #create(String, NewPayment)}.
     *
     * @param payment  the payment
     * @param replayed true when an earlier request with the same key created it
     */
    record Created(Payment payment, boolean replayed) {}
}
