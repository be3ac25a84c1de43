package com.example.products.api;

import com.example.products.api.model.NewPayment;
import com.example.products.api.model.Payment;
import com.example.products.api.model.PaymentPage;
import com.example.products.api.model.PaymentStatus;

/**
 * Maps between products' public payment models and the payments contract's models. The two specs
 * agree field for field today; this is where they may diverge without either API noticing.
 */
final class PaymentMapper {

    private PaymentMapper() {}

    static Payment toApi(com.example.products.payments.client.model.Payment payment) {
        return new Payment(
                payment.getId(),
                payment.getAmount(),
                payment.getCurrency(),
                PaymentStatus.fromValue(payment.getStatus().toString()),
                payment.getDescription(),
                payment.getCreatedAt());
    }

    static PaymentPage toApi(com.example.products.payments.client.model.PaymentPage page) {
        return new PaymentPage(
                page.getItems().stream().map(PaymentMapper::toApi).toList(), page.getNextCursor());
    }

    static com.example.products.payments.client.model.PaymentStatus toPayments(PaymentStatus status) {
        return com.example.products.payments.client.model.PaymentStatus.fromValue(status.getValue());
    }

    static com.example.products.payments.client.model.NewPayment toPayments(NewPayment request) {
        return new com.example.products.payments.client.model.NewPayment()
                .amount(request.getAmount())
                .currency(request.getCurrency())
                .description(request.getDescription());
    }
}
