package com.example.payments.api;

import com.example.payments.api.model.NewPayment;
import com.example.payments.api.model.Payment;
import com.example.payments.api.model.PaymentPage;
import com.example.payments.api.model.PaymentStatus;
import com.example.payments.domain.Cursor;
import java.time.ZoneOffset;

/**
 * Maps between the models generated from the spec and the domain.
 */
final class PaymentMapper {

    private PaymentMapper() {}

    static Payment toApi(com.example.payments.domain.Payment payment) {
        return new Payment(
                payment.id(),
                payment.amount().toPlainString(),
                payment.currency().getCurrencyCode(),
                toApi(payment.status()),
                payment.description().orElse(null),
                payment.createdAt().atOffset(ZoneOffset.UTC));
    }

    static PaymentPage toApi(com.example.payments.domain.PaymentPage page) {
        return new PaymentPage(
                page.items().stream().map(PaymentMapper::toApi).toList(),
                page.next().map(Cursor::encode).orElse(null));
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
