package com.example.payments.api;

import com.example.payments.api.model.NewPayment;
import com.example.payments.api.model.Payment;
import com.example.payments.api.model.PaymentPage;
import com.example.payments.api.model.PaymentStatus;
import com.example.payments.domain.Cursor;
import java.time.ZoneOffset;

/**
 * Maps between the models generated from the spec and the domain. Generated models are filled through
 * their setters, never their all-args constructors, so that a property added to the spec compiles.
 */
final class PaymentMapper {

    private PaymentMapper() {}

    static Payment toApi(com.example.payments.domain.Payment payment) {
        Payment api = new Payment();
        api.setId(payment.id());
        api.setAmount(payment.amount().toPlainString());
        api.setCurrency(payment.currency().getCurrencyCode());
        api.setStatus(toApi(payment.status()));
        api.setDescription(payment.description().orElse(null));
        api.setCreatedAt(payment.createdAt().atOffset(ZoneOffset.UTC));
        return api;
    }

    static PaymentPage toApi(com.example.payments.domain.PaymentPage page) {
        PaymentPage api = new PaymentPage();
        api.setItems(page.items().stream().map(PaymentMapper::toApi).toList());
        api.setNextCursor(page.next().map(Cursor::encode).orElse(null));
        return api;
    }

    static PaymentStatus toApi(com.example.payments.domain.PaymentStatus status) {
        return PaymentStatus.valueOf(status.name());
    }

    static com.example.payments.domain.PaymentStatus toDomain(PaymentStatus status) {
        return com.example.payments.domain.PaymentStatus.valueOf(status.name());
    }

    static com.example.payments.domain.NewPayment toDomain(NewPayment request) {
        return com.example.payments.domain.NewPayment.validate(
                request.getAmount(), request.getCurrency(), request.getDescription());
    }
}
