package com.example.products.payments;

import com.example.products.payments.client.model.NewPayment;
import com.example.products.payments.client.model.Payment;
import com.example.products.payments.client.model.PaymentPage;
import com.example.products.payments.client.model.PaymentStatus;
import com.example.support.Problem;
import com.example.support.ProblemType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A payments gateway in memory, for tests of products' own behaviour; it can be told to fail the
 * way the real gateway does.
 */
public final class FakePaymentsGateway implements PaymentsGateway {

    private final List<Payment> payments = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Supplier<RuntimeException> failure;

    /**
     * Creates a gateway holding the given payments, newest first.
     *
     * @param payments the payments
     */
    public FakePaymentsGateway(List<Payment> payments) {
        this.payments.addAll(payments);
    }

    /**
     * A payment as payments would return it.
     *
     * @param id     the id
     * @param status the status
     * @return the payment
     */
    public static Payment payment(String id, PaymentStatus status) {
        return new Payment()
                .id(id)
                .amount("9.99")
                .currency("EUR")
                .status(status)
                .createdAt(OffsetDateTime.parse("2026-02-01T08:00:00Z"));
    }

    /** The ways the real gateway fails, each as products' problem for it. */
    public enum Failure {
        /** payments is unreachable: 503. */
        UNREACHABLE(() -> PaymentsConnectionException.refused(new java.net.ConnectException("refused"))),
        /** payments is too slow: 504. */
        TIMEOUT(() -> PaymentsCallException.timeout("Payments did not answer in time", null)),
        /** payments answers 500: 502. */
        BAD_GATEWAY(() -> PaymentsCallException.badGateway("Payments failed with status 500", null)),
        /** payments' ledger is down: its own 503, relayed. */
        LEDGER_UNAVAILABLE(
                () -> PaymentsCallException.ledgerUnavailable("The payment ledger is unavailable for now (503)")),
        /** The circuit breaker is open: 503 with Retry-After. */
        CIRCUIT_OPEN(() -> PaymentsCallException.circuitOpen(Duration.ofSeconds(5)));

        private final Supplier<RuntimeException> exception;

        Failure(Supplier<RuntimeException> exception) {
            this.exception = exception;
        }
    }

    /**
     * Makes every later call fail so.
     *
     * @param failure how
     */
    public void fail(Failure failure) {
        this.failure = failure.exception;
    }

    /**
     * Makes every later call fail as when payments rejects the request.
     *
     * @param type   the type of payments' 4xx problem, relayed by products
     * @param detail its problem detail
     */
    public void reject(ProblemType type, String detail) {
        failure = () -> new PaymentsRejectedException(Problem.of(type, detail));
    }

    /**
     * How many calls reached the gateway.
     *
     * @return the count
     */
    public int calls() {
        return calls.get();
    }

    @Override
    public PaymentPage list(Optional<PaymentStatus> status, int limit, Optional<String> cursor) {
        enter();
        List<Payment> matching = payments.stream()
                .filter(p -> status.map(s -> s == p.getStatus()).orElse(true))
                .limit(limit)
                .toList();
        return new PaymentPage().items(matching);
    }

    @Override
    public Optional<Payment> find(String paymentId) {
        enter();
        return payments.stream().filter(p -> p.getId().equals(paymentId)).findFirst();
    }

    @Override
    public synchronized Created create(String idempotencyKey, NewPayment request) {
        enter();
        Payment payment = new Payment()
                .id("pay_" + idempotencyKey)
                .amount(request.getAmount())
                .currency(request.getCurrency())
                .description(request.getDescription())
                .status(PaymentStatus.PENDING)
                .createdAt(OffsetDateTime.parse("2026-02-02T08:00:00Z"));
        boolean replayed = payments.stream().anyMatch(p -> p.getId().equals(payment.getId()));
        if (!replayed) {
            payments.addFirst(payment);
        }
        return new Created(payment, replayed);
    }

    private void enter() {
        calls.incrementAndGet();
        Supplier<RuntimeException> fail = failure;
        if (fail != null) {
            throw fail.get();
        }
    }
}
