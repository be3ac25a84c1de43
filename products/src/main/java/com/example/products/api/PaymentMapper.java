package com.example.products.api;

import com.example.products.api.model.NewPayment;
import com.example.products.api.model.Payment;
import com.example.products.api.model.PaymentPage;

/**
 * Maps between products' public payment models and the payments contract's models. The two specs
 * agree field for field today; this is where they may diverge without either API noticing. Generated
 * models are filled through setters or fluent setters, never their all-args constructors, so that a
 * property added to either spec compiles.
 */
final class PaymentMapper {

    private PaymentMapper() {}

    static Payment toApi(com.example.products.payments.client.model.Payment payment) {
        Payment api = new Payment();
        api.setId(payment.getId());
        api.setAmount(payment.getAmount());
        api.setCurrency(payment.getCurrency());
        // Passed on as it is, a value payments added after this build included (an extensible enum).
        api.setStatus(payment.getStatus().getValue());
        api.setDescription(payment.getDescription());
        api.setCreatedAt(payment.getCreatedAt());
        return api;
    }

    static PaymentPage toApi(com.example.products.payments.client.model.PaymentPage page) {
        PaymentPage api = new PaymentPage();
        api.setItems(page.getItems().stream().map(PaymentMapper::toApi).toList());
        api.setNextCursor(page.getNextCursor());
        return api;
    }

    static com.example.products.payments.client.model.PaymentStatus toPayments(String status) {
        return com.example.products.payments.client.model.PaymentStatus.fromValue(status);
    }

    static com.example.products.payments.client.model.NewPayment toPayments(NewPayment request) {
        return new com.example.products.payments.client.model.NewPayment()
                .amount(request.getAmount())
                .currency(request.getCurrency())
                .description(request.getDescription());
    }
}
