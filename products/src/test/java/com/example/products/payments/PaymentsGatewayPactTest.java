package com.example.products.payments;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.LambdaDslObject;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithPath;
import au.com.dius.pact.consumer.dsl.PactDslRequestWithoutPath;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import com.example.products.payments.client.model.NewPayment;
import com.example.products.payments.client.model.Payment;
import com.example.products.payments.client.model.PaymentPage;
import com.example.products.payments.client.model.PaymentStatus;
import com.example.support.Problem;
import com.example.support.ProblemType;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract products holds payments to: every call products makes, driven through the real
 * {@link HttpPaymentsGateway} (the generated client, its pooled WebClient and the outcome mapping)
 * against the Pact mock server. The pact these tests write, {@code products-payments.json}, is what
 * payments verifies; the build compares it with the committed {@code contracts/products-payments.json}.
 *
 * <p>Only what products reads is in the contract, with type and format matchers rather than values,
 * so that payments stays free to change everything else.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "payments", pactVersion = PactSpecVersion.V4)
class PaymentsGatewayPactTest {

    private static final String CONSUMER = "products";
    private static final String PAYMENTS = "/metaapi/1.0/payments";
    private static final String PAYMENT_ID = "pay_7Qm2Xk9LrB";
    private static final String IDEMPOTENCY_KEY = "order-1001-attempt-1";
    private static final String CURSOR_EXAMPLE = "djF8MjAyNi0wMS0wNVQxMDozMDowMFp8cGF5X3BhZ2VfMQ";

    private static final String ID = "^[A-Za-z0-9_-]+$";
    private static final String AMOUNT = "^(0|[1-9][0-9]{0,11})\\.[0-9]{2}$";
    private static final String CURRENCY = "^[A-Z]{3}$";
    private static final String STATUS = "^(PENDING|AUTHORIZED|CAPTURED|FAILED|REFUNDED)$";
    private static final String DATE_TIME =
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$";
    private static final String PROBLEM_JSON = "application/problem\\+json(;.*)?";

    @Pact(consumer = CONSUMER)
    V4Pact pageOfCapturedPaymentsAfterCursor(PactDslWithProvider builder) {
        return builder.given("captured payments follow the cursor")
                .uponReceiving("a request for a page of captured payments after a cursor")
                .method("GET")
                .path(PAYMENTS)
                .query("status=CAPTURED&limit=2")
                .queryParameterFromProviderState("cursor", "${cursor}", CURSOR_EXAMPLE)
                .willRespondWith()
                .status(200)
                .body(newJsonBody(page -> {
                            page.minArrayLike("items", 1, PaymentsGatewayPactTest::payment);
                            page.stringType("nextCursor", "djF8MjAyNi0wMS0wNVQwOTowMDowMFp8cGF5X3BhZ2VfMw");
                        })
                        .build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "pageOfCapturedPaymentsAfterCursor")
    void readsAPageOfPaymentsAndItsNextCursor(MockServer payments) {
        PaymentPage page = gateway(payments).list(Optional.of(PaymentStatus.CAPTURED), 2, Optional.of(CURSOR_EXAMPLE));

        assertThat(page.getItems(), hasSize(1));
        assertExamplePayment(page.getItems().getFirst());
        assertThat(page.getNextCursor(), is("djF8MjAyNi0wMS0wNVQwOTowMDowMFp8cGF5X3BhZ2VfMw"));
    }

    @Pact(consumer = CONSUMER)
    V4Pact emptyPage(PactDslWithProvider builder) {
        return builder.given("no payments exist")
                .uponReceiving("a request for the first page of payments when there are none")
                .method("GET")
                .path(PAYMENTS)
                .query("limit=20")
                .willRespondWith()
                .status(200)
                .body(newJsonBody(page -> page.array("items", items -> {})).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "emptyPage")
    void readsAnEmptyPageWithoutNextCursor(MockServer payments) {
        PaymentPage page = gateway(payments).list(Optional.empty(), 20, Optional.empty());

        assertThat(page.getItems(), is(empty()));
        assertThat(page.getNextCursor(), is(nullValue()));
    }

    @Pact(consumer = CONSUMER)
    V4Pact existingPayment(PactDslWithProvider builder) {
        return builder.given("a payment exists", Map.of("id", PAYMENT_ID))
                .uponReceiving("a request for a payment by id")
                .method("GET")
                .path(PAYMENTS + "/" + PAYMENT_ID)
                .willRespondWith()
                .status(200)
                .body(newJsonBody(PaymentsGatewayPactTest::payment).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "existingPayment")
    void findsAPaymentById(MockServer payments) {
        Optional<Payment> payment = gateway(payments).find(PAYMENT_ID);

        assertThat(payment.isPresent(), is(true));
        assertExamplePayment(payment.orElseThrow());
    }

    @Pact(consumer = CONSUMER)
    V4Pact unknownPayment(PactDslWithProvider builder) {
        return builder.given("no payments exist")
                .uponReceiving("a request for a payment that does not exist")
                .method("GET")
                .path(PAYMENTS + "/pay_unknown")
                .willRespondWith()
                .status(404)
                .matchHeader("Content-Type", PROBLEM_JSON, "application/problem+json")
                .body(newJsonBody(problem -> {
                            // Values, not types: a client branches on the type, so changing it breaks the contract.
                            problem.stringValue("type", "about:blank");
                            problem.stringType("title", "Not Found");
                            problem.integerType("status", 404);
                        })
                        .build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "unknownPayment")
    void findsNothingWhenPaymentsAnswersNotFound(MockServer payments) {
        assertThat(gateway(payments).find("pay_unknown"), is(Optional.empty()));
    }

    @Pact(consumer = CONSUMER)
    V4Pact newPayment(PactDslWithProvider builder) {
        return createRequest(builder.uponReceiving("a request to create a payment"), IDEMPOTENCY_KEY)
                .body(newJsonBody(PaymentsGatewayPactTest::newPaymentFields).build())
                .willRespondWith()
                .status(201)
                .matchHeader("Idempotent-Replayed", "^(true|false)$", "false")
                .body(newJsonBody(PaymentsGatewayPactTest::payment).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "newPayment")
    void createsAPaymentWithTheCallersIdempotencyKey(MockServer payments) {
        PaymentsGateway.Created created = gateway(payments).create(IDEMPOTENCY_KEY, examplePaymentRequest());

        assertExamplePayment(created.payment());
        assertThat(created.replayed(), is(false));
    }

    @Pact(consumer = CONSUMER)
    V4Pact replayedPayment(PactDslWithProvider builder) {
        var repeated = builder.given(
                        "a payment was created with an idempotency key",
                        Map.of(
                                "idempotencyKey",
                                IDEMPOTENCY_KEY,
                                "amount",
                                "19.99",
                                "currency",
                                "EUR",
                                "description",
                                "Order 1001"))
                .uponReceiving("a repeated request to create a payment with the same idempotency key");
        return createRequest(repeated, IDEMPOTENCY_KEY)
                .body(newJsonBody(request -> {
                            // Values, not types: the provider replays only a request equal to the first one.
                            request.stringValue("amount", "19.99");
                            request.stringValue("currency", "EUR");
                            request.stringValue("description", "Order 1001");
                        })
                        .build())
                .willRespondWith()
                .status(201)
                .matchHeader("Idempotent-Replayed", "^true$", "true")
                .body(newJsonBody(PaymentsGatewayPactTest::payment).build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "replayedPayment")
    void reportsAReplayedCreation(MockServer payments) {
        PaymentsGateway.Created created = gateway(payments).create(IDEMPOTENCY_KEY, examplePaymentRequest());

        assertExamplePayment(created.payment());
        assertThat(created.replayed(), is(true));
    }

    @Pact(consumer = CONSUMER)
    V4Pact zeroAmountRejected(PactDslWithProvider builder) {
        return createRequest(builder.uponReceiving("a request to create a payment of zero"), "order-1002-attempt-1")
                .body(newJsonBody(request -> {
                            // A value, not a type: zero is what payments must refuse.
                            request.stringValue("amount", "0.00");
                            request.stringMatcher("currency", CURRENCY, "EUR");
                        })
                        .build())
                .willRespondWith()
                .status(422)
                .matchHeader("Content-Type", PROBLEM_JSON, "application/problem+json")
                .body(newJsonBody(problem -> {
                            problem.stringValue("type", ProblemType.VALIDATION_FAILED.uri());
                            problem.stringValue("title", ProblemType.VALIDATION_FAILED.title());
                            problem.integerType("status", 422);
                            problem.stringType("detail", "The payment is not valid");
                            problem.minArrayLike("errors", 1, error -> {
                                error.stringType("name", "/amount");
                                error.stringType("reason", "must be greater than 0.00");
                            });
                        })
                        .build())
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "zeroAmountRejected")
    void relaysTheRejectionOfAnInvalidPayment(MockServer payments) {
        NewPayment zero = new NewPayment().amount("0.00").currency("EUR");

        var rejected = assertThrows(
                PaymentsRejectedException.class, () -> gateway(payments).create("order-1002-attempt-1", zero));

        Problem problem = rejected.problem();
        assertThat(problem.status(), is(422));
        assertThat(problem.type(), is(ProblemType.VALIDATION_FAILED.uri()));
        assertThat(problem.detail(), is("The payment is not valid"));
        assertThat(problem.errors(), contains(new Problem.InvalidParam("/amount", "must be greater than 0.00")));
    }

    @Pact(consumer = CONSUMER)
    V4Pact failingPayments(PactDslWithProvider builder) {
        return builder.given("the payment ledger is failing")
                .uponReceiving("a request for a payment while payments is failing")
                .method("GET")
                .path(PAYMENTS + "/" + PAYMENT_ID)
                .willRespondWith()
                .status(500)
                .toPact(V4Pact.class);
    }

    @Test
    @PactTestFor(pactMethod = "failingPayments")
    void reportsAFailureOfPaymentsAsBadGateway(MockServer payments) {
        var failure = assertThrows(
                PaymentsCallException.class, () -> gateway(payments).find(PAYMENT_ID));

        assertThat(failure.problem().status(), is(502));
    }

    /** The real gateway, pointed at this test's mock server; a fresh one per test, as the mock server is. */
    private static HttpPaymentsGateway gateway(MockServer payments) {
        return HttpPaymentsGateway.create(PaymentsClientSettings.builder()
                .baseUri(URI.create(payments.getUrl()))
                // Generous: the mock server is slow on a busy machine, and no test here is about timing.
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .maxConnections(2)
                .build());
    }

    /** A request to create a payment, as products sends each: JSON, with the caller's idempotency key. */
    private static PactDslRequestWithPath createRequest(PactDslRequestWithoutPath request, String idempotencyKey) {
        return request.method("POST")
                .path(PAYMENTS)
                .headers("Content-Type", "application/json")
                .matchHeader("Idempotency-Key", "^[\\x20-\\x7e]{1,255}$", idempotencyKey);
    }

    /** A payment as products reads it: every field, each by its format. */
    private static void payment(LambdaDslObject payment) {
        payment.stringMatcher("id", ID, PAYMENT_ID);
        payment.stringMatcher("amount", AMOUNT, "19.99");
        payment.stringMatcher("currency", CURRENCY, "EUR");
        payment.stringMatcher("status", STATUS, "CAPTURED");
        payment.stringType("description", "Order 1001");
        payment.stringMatcher("createdAt", DATE_TIME, "2026-01-05T10:30:00Z");
    }

    private static void newPaymentFields(LambdaDslObject request) {
        request.stringMatcher("amount", AMOUNT, "19.99");
        request.stringMatcher("currency", CURRENCY, "EUR");
        request.stringType("description", "Order 1001");
    }

    private static NewPayment examplePaymentRequest() {
        return new NewPayment().amount("19.99").currency("EUR").description("Order 1001");
    }

    /** The mock server answers with the examples above; the generated client must read each of them. */
    private static void assertExamplePayment(Payment payment) {
        assertThat(payment.getId(), is(PAYMENT_ID));
        assertThat(payment.getAmount(), is("19.99"));
        assertThat(payment.getCurrency(), is("EUR"));
        assertThat(payment.getStatus(), is(PaymentStatus.CAPTURED));
        assertThat(payment.getDescription(), is("Order 1001"));
        assertThat(
                payment.getCreatedAt().toInstant(),
                is(OffsetDateTime.parse("2026-01-05T10:30:00Z").toInstant()));
    }
}
