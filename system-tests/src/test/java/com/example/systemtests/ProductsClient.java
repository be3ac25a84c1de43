package com.example.systemtests;

import com.example.support.Json;
import com.example.systemtests.client.ApiClient;
import com.example.systemtests.client.ApiResponse;
import com.example.systemtests.client.api.PaymentsApi;
import com.example.systemtests.client.api.PaymentsApiImpl;
import com.example.systemtests.client.model.NewPayment;
import com.example.systemtests.client.model.Payment;
import com.example.systemtests.client.model.PaymentPage;
import com.example.systemtests.client.model.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.time.Duration;
import java.util.Optional;

/**
 * Drives products as its users do, through the client generated from {@code api-specs/products.yaml},
 * and reads its metrics.
 */
final class ProductsClient {

    private final WebClient http;
    private final PaymentsApi payments;

    ProductsClient(String baseUri) {
        var client = WebClient.builder()
                .baseUri(baseUri)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(10))
                .addHeader(HeaderNames.AUTHORIZATION, SystemIssuer.bearer())
                .mediaContext(Json.mediaContext());
        this.http = client.build();
        this.payments = PaymentsApiImpl.create(
                ApiClient.builder().webClientBuilder(client).build());
    }

    /**
     * Lists a page of payments (products calls payments for it) and checks what came back: a page on
     * 200, a problem document with the same status otherwise.
     */
    Reply listPayments() {
        long start = System.nanoTime();
        ApiResponse<PaymentPage> response = payments.listPayments(null, 5, null);
        try (HttpClientResponse answer = response.webClientResponse()) {
            int status = answer.status().code();
            String contentType =
                    answer.headers().contentType().map(HttpMediaType::text).orElse("");
            Optional<String> retryAfter = answer.headers().first(HeaderNames.RETRY_AFTER);
            Optional<Problem> problem = Optional.empty();
            if (status == 200 && response.result().getItems() == null) {
                throw new AssertionError("200 without items");
            }
            if (status != 200) {
                problem = Optional.of(answer.entity().as(Problem.class));
                if (problem.get().getStatus() == null || problem.get().getStatus() != status) {
                    throw new AssertionError("A " + status + " whose problem says status "
                            + problem.get().getStatus());
                }
            }
            return new Reply(status, contentType, problem, retryAfter, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** One answer of products. */
    record Reply(
            int status, String contentType, Optional<Problem> problem, Optional<String> retryAfter, Duration elapsed) {
        boolean isProblem() {
            return contentType.startsWith("application/problem+json") && problem.isPresent();
        }
    }

    /** The value of one meter from products' {@code /observe/metrics}, in its JSON form. */
    double metric(String meter) {
        JsonNode scopes =
                http.get("/observe/metrics").accept(MediaTypes.APPLICATION_JSON).requestEntity(JsonNode.class);
        for (JsonNode scope : scopes) {
            if (scope.has(meter)) {
                return scope.get(meter).asDouble();
            }
        }
        throw new AssertionError("products' /observe/metrics has no meter " + meter + ": " + scopes);
    }

    /** Lists a page of payments for a load loop: the status, and a non-200's problem detail in the build log. */
    int listPaymentsStatus() {
        Reply reply = listPayments();
        if (reply.status() != 200) {
            System.out.println("[failed request] " + reply.status() + " "
                    + reply.problem().map(Problem::getDetail).orElse("(no problem document)"));
        }
        return reply.status();
    }

    /** Creates a payment through products, which forwards it to payments with the same key. */
    Payment createPayment(String idempotencyKey, String amount, String currency) {
        return expect(
                201,
                payments.createPayment(
                        idempotencyKey,
                        new NewPayment().amount(amount).currency(currency).description("created by the system tests")));
    }

    /** Reads a payment through products. */
    Payment getPayment(String paymentId) {
        return expect(200, payments.getPayment(paymentId));
    }

    private static Payment expect(int status, ApiResponse<Payment> response) {
        try (HttpClientResponse answer = response.webClientResponse()) {
            if (answer.status().code() != status) {
                throw new AssertionError("products answered " + answer.status() + ": "
                        + answer.entity().as(String.class));
            }
            return response.result();
        }
    }

    /** Retries of calls to payments since products started (fault tolerance's own meter). */
    long retries() {
        return (long) metric("ft.retry.retries.total;name=payments-retry");
    }

    /** The circuit breaker's state: 0 closed, 1 half-open, 2 open. */
    int circuitState() {
        return (int) metric("payments.client.circuit.state");
    }
}
