package com.example.systemtests;

import com.example.systemtests.client.ApiClient;
import com.example.systemtests.client.ApiResponse;
import com.example.systemtests.client.api.PaymentsApi;
import com.example.systemtests.client.api.PaymentsApiImpl;
import com.example.systemtests.client.model.NewPayment;
import com.example.systemtests.client.model.Payment;
import com.example.systemtests.client.model.PaymentPage;
import com.example.systemtests.client.model.Problem;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HttpMediaType;
import io.helidon.http.media.MediaContext;
import io.helidon.http.media.jackson.JacksonSupport;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Drives products as its users do, through the client generated from {@code api-specs/products.yaml},
 * and reads its metrics.
 */
final class ProductsClient {

    private static final HttpMediaType PROBLEM_JSON = HttpMediaType.create("application/problem+json");
    private static final HttpClient PLAIN =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final PaymentsApi payments;
    private final String baseUri;

    ProductsClient(String baseUri) {
        this.baseUri = baseUri;
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        var client = WebClient.builder()
                .baseUri(baseUri)
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(10))
                .addHeader(io.helidon.http.HeaderNames.AUTHORIZATION, SystemIssuer.bearer())
                .mediaContext(MediaContext.builder()
                        .mediaSupportsDiscoverServices(false)
                        .addMediaSupport(JacksonSupport.builder()
                                .objectMapper(mapper)
                                .acceptedMediaTypes(Set.of(MediaTypes.APPLICATION_JSON, PROBLEM_JSON))
                                .build())
                        .build());
        this.payments = PaymentsApiImpl.create(
                ApiClient.builder().webClientBuilder(client).build());
    }

    /**
     * Lists a page of payments (products calls payments for it) and checks what came back: a page on
     * 200, a problem document with the same status otherwise.
     *
     * @return the answer
     */
    Reply listPayments() {
        long start = System.nanoTime();
        ApiResponse<PaymentPage> response = payments.listPayments(null, 5, null);
        try (HttpClientResponse http = response.webClientResponse()) {
            int status = http.status().code();
            String contentType =
                    http.headers().contentType().map(HttpMediaType::text).orElse("");
            Optional<String> retryAfter = http.headers().first(io.helidon.http.HeaderNames.RETRY_AFTER);
            if (status == 200) {
                PaymentPage page = response.result();
                if (page.getItems() == null) {
                    throw new AssertionError("200 without items");
                }
                return new Reply(
                        status, contentType, Optional.empty(), retryAfter, Duration.ofNanos(System.nanoTime() - start));
            }
            Problem problem = http.entity().as(Problem.class);
            if (problem.getStatus() == null || problem.getStatus() != status) {
                throw new AssertionError("A " + status + " whose problem says status " + problem.getStatus());
            }
            return new Reply(
                    status, contentType, Optional.of(problem), retryAfter, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /**
     * One answer of products.
     *
     * @param status      the status
     * @param contentType its content type
     * @param problem     the problem document, for an error
     * @param retryAfter  the Retry-After header, when sent
     * @param elapsed     how long the client waited
     */
    record Reply(
            int status, String contentType, Optional<Problem> problem, Optional<String> retryAfter, Duration elapsed) {
        boolean isProblem() {
            return contentType.startsWith("application/problem+json") && problem.isPresent();
        }
    }

    /**
     * The value of one meter from products' {@code /observe/metrics} (Prometheus format).
     *
     * @param name   the Prometheus name, e.g. {@code ft_retry_retries_total}
     * @param labels text that the label set must contain, e.g. {@code name="payments-retry"}
     * @return the value (the sum over the matching series)
     * @throws AssertionError when products has no such meter: a missing meter is not a zero
     */
    double metric(String name, String labels) {
        List<String> series = metrics()
                .lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.contains(labels))
                .toList();
        if (series.isEmpty()) {
            throw new AssertionError("products' /observe/metrics has no meter " + name + " with " + labels);
        }
        return series.stream()
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /**
     * Lists a page of payments, for a load loop: the status, with the problem's detail printed when
     * it is not 200 (the build log then says why a request failed).
     *
     * @return the status
     */
    int listPaymentsStatus() {
        Reply reply = listPayments();
        if (reply.status() != 200) {
            System.out.println("[failed request] " + reply.status() + " "
                    + reply.problem().map(Problem::getDetail).orElse("(no problem document)"));
        }
        return reply.status();
    }

    /**
     * Creates a payment through products, which forwards it to payments with the same key.
     *
     * @param idempotencyKey the caller's Idempotency-Key
     * @param amount         a decimal amount with two fraction digits
     * @param currency       an ISO 4217 code
     * @return the created payment
     * @throws AssertionError when products does not answer 201
     */
    Payment createPayment(String idempotencyKey, String amount, String currency) {
        ApiResponse<Payment> response = payments.createPayment(
                idempotencyKey,
                new NewPayment().amount(amount).currency(currency).description("created by the system tests"));
        try (HttpClientResponse http = response.webClientResponse()) {
            if (http.status().code() != 201) {
                throw new AssertionError("create answered " + http.status() + ": "
                        + http.entity().as(String.class));
            }
            return response.result();
        }
    }

    /**
     * Reads a payment through products.
     *
     * @param paymentId the payment's id
     * @return the payment
     * @throws AssertionError when products does not answer 200
     */
    Payment getPayment(String paymentId) {
        ApiResponse<Payment> response = payments.getPayment(paymentId);
        try (HttpClientResponse http = response.webClientResponse()) {
            if (http.status().code() != 200) {
                throw new AssertionError(
                        "read answered " + http.status() + ": " + http.entity().as(String.class));
            }
            return response.result();
        }
    }

    /** Products' metrics in the Prometheus text format. */
    String metrics() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + "/observe/metrics"))
                .header("Accept", "text/plain")
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            return PLAIN.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Retries of calls to payments since products started (fault tolerance's own meter). */
    long retries() {
        return (long) metric("ft_retry_retries_total", "name=\"payments-retry\"");
    }

    /** The circuit breaker's state: 0 closed, 1 half-open, 2 open. */
    int circuitState() {
        return (int) metric("payments_client_circuit_state", "");
    }
}
