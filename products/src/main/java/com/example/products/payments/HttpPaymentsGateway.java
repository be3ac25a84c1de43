package com.example.products.payments;

import com.example.products.payments.client.ApiClient;
import com.example.products.payments.client.ApiResponse;
import com.example.products.payments.client.api.PaymentsApi;
import com.example.products.payments.client.api.PaymentsApiImpl;
import com.example.products.payments.client.model.NewPayment;
import com.example.products.payments.client.model.Payment;
import com.example.products.payments.client.model.PaymentPage;
import com.example.products.payments.client.model.PaymentStatus;
import com.example.support.IdempotencyKey;
import com.example.support.Json;
import com.example.support.Problem;
import com.example.support.ProblemException;
import com.example.support.ProblemType;
import com.example.support.RequestCorrelation;
import com.example.support.Tracing;
import io.helidon.common.buffers.DataReader;
import io.helidon.faulttolerance.CircuitBreaker;
import io.helidon.faulttolerance.CircuitBreakerOpenException;
import io.helidon.faulttolerance.Retry;
import io.helidon.http.Status;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.service.registry.Services;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The payments gateway over the generated Helidon WebClient client. One instance per process: its
 * client keeps a pool of keep-alive connections to the load balancer, so calls do not pay for a
 * new connection (nor the ALB for a new-connection LCU).
 *
 * <p>Each call: the circuit breaker (opens on {@link PaymentsCallException}s) around one retry on
 * connection failure (including the load balancer's 502, its report of a broken target connection),
 * around the exchange, whose status the generated client does not check, so
 * this class does: 2xx is read, 4xx is relayed as {@link PaymentsRejectedException}, 5xx and
 * transport failures become {@link PaymentsCallException}s. Every call is measured
 * ({@link PaymentsClientMetrics}), and the breaker opening or closing as a CloudWatch metric ({@link CircuitStateMetric}).
 */
public final class HttpPaymentsGateway implements PaymentsGateway {

    private static final Duration RETRY_DELAY = Duration.ofMillis(50);

    private final PaymentsApi api;
    private final Retry retry;
    private final CircuitBreaker breaker;
    private final PaymentsClientSettings settings;
    private final PaymentsClientMetrics metrics;
    private final CircuitStateMetric circuitMetric = new CircuitStateMetric(System.out, Clock.systemUTC());

    HttpPaymentsGateway(PaymentsApi api, PaymentsClientSettings settings) {
        this(api, settings, Services.get(MeterRegistry.class));
    }

    HttpPaymentsGateway(PaymentsApi api, PaymentsClientSettings settings, MeterRegistry registry) {
        this.api = api;
        this.settings = settings;
        this.retry = Retry.builder()
                .name("payments-retry")
                // One retry, 50 ms later: long enough for the load balancer to drop its pooled connections to
                // a target that has just died (retried at once, a call can meet one of them again: the
                // system tests' kill scenario), short against the read timeout.
                .retryPolicy(Retry.DelayingRetryPolicy.builder()
                        .calls(2)
                        .delay(RETRY_DELAY)
                        .delayFactor(1)
                        .build())
                .addApplyOn(PaymentsConnectionException.class)
                // Helidon's default overall timeout (1 s) is shorter than one call may take (connect and read
                // timeouts): on a busy machine it cut the retry off with a RetryTimeoutException. The
                // timeouts of each attempt bound the calls instead.
                .overallTimeout(settings.connectTimeout()
                        .plus(settings.readTimeout())
                        .multipliedBy(2)
                        .plus(RETRY_DELAY))
                .enableMetrics(true)
                .build();
        this.breaker = CircuitBreaker.builder()
                .from(settings.breaker())
                .name(PaymentsClientSettings.BREAKER)
                // One successful trial call closes it again: payments is back.
                .successThreshold(1)
                .addApplyOn(PaymentsCallException.class)
                .enableMetrics(true)
                .build();
        this.metrics = new PaymentsClientMetrics(registry, breaker::state);
    }

    /**
     * Creates the gateway and its pooled client, untraced.
     *
     * @param settings where payments is and how long to wait for it
     * @return the gateway
     */
    public static HttpPaymentsGateway create(PaymentsClientSettings settings) {
        return create(settings, Tracing.disabled());
    }

    /**
     * Creates the gateway and its pooled client, each call to payments a client span of the given tracing.
     *
     * @param settings where payments is and how long to wait for it
     * @param tracing  makes the client spans and sends {@code traceparent}
     * @return the gateway
     */
    public static HttpPaymentsGateway create(PaymentsClientSettings settings, Tracing tracing) {
        return create(settings, Services.get(MeterRegistry.class), tracing);
    }

    /**
     * Creates the gateway and its pooled client, untraced, with its meters in the given registry.
     *
     * @param settings where payments is and how long to wait for it
     * @param registry where the call meters live
     * @return the gateway
     */
    static HttpPaymentsGateway create(PaymentsClientSettings settings, MeterRegistry registry) {
        return create(settings, registry, Tracing.disabled());
    }

    private static HttpPaymentsGateway create(
            PaymentsClientSettings settings, MeterRegistry registry, Tracing tracing) {
        var client = WebClient.builder()
                .baseUri(settings.baseUri())
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .connectionCacheSize(settings.maxConnections())
                .shareConnectionCache(false)
                .mediaContext(Json.mediaContext())
                .addService(RequestCorrelation.propagation())
                .addService(tracing.clientSpans());
        return new HttpPaymentsGateway(
                PaymentsApiImpl.create(
                        ApiClient.builder().webClientBuilder(client).build()),
                settings,
                registry);
    }

    @Override
    public PaymentPage list(Optional<PaymentStatus> status, int limit, Optional<String> cursor) {
        return call("listPayments", () -> api.listPayments(status.orElse(null), limit, cursor.orElse(null)))
                .entityOrThrow();
    }

    @Override
    public Optional<Payment> find(String paymentId) {
        Reply<Payment> reply = call("getPayment", () -> api.getPayment(paymentId));
        return reply.status() == Status.NOT_FOUND_404.code() ? Optional.empty() : Optional.of(reply.entityOrThrow());
    }

    @Override
    public Created create(String idempotencyKey, NewPayment request) {
        Reply<Payment> reply = call("createPayment", () -> api.createPayment(idempotencyKey, request));
        return new Created(reply.entityOrThrow(), reply.replayed());
    }

    /**
     * How many times a call was retried since start.
     *
     * @return the retry count
     */
    public long retries() {
        return retry.retryCounter();
    }

    /** The call meters, for tests. */
    PaymentsClientMetrics metrics() {
        return metrics;
    }

    /**
     * The circuit breaker's state.
     *
     * @return the state
     */
    public CircuitBreaker.State circuitState() {
        return breaker.state();
    }

    private <T> Reply<T> call(String operation, Supplier<ApiResponse<T>> request) {
        long start = System.nanoTime();
        PaymentsClientMetrics.Outcome outcome = PaymentsClientMetrics.Outcome.BAD_GATEWAY;
        try {
            Reply<T> reply = breaker.invoke(() -> retry.invoke(() -> exchange(request)));
            outcome = reply.rejection() == null
                    ? PaymentsClientMetrics.Outcome.SUCCESS
                    : PaymentsClientMetrics.Outcome.REJECTED;
            return reply;
        } catch (CircuitBreakerOpenException e) {
            outcome = PaymentsClientMetrics.Outcome.CIRCUIT_OPEN;
            throw PaymentsCallException.circuitOpen(settings.breaker().delay());
        } catch (PaymentsCallException e) {
            outcome = PaymentsClientMetrics.Outcome.of(e);
            throw e;
        } finally {
            metrics.record(operation, outcome, Duration.ofNanos(System.nanoTime() - start));
            circuitMetric.observe(breaker.state());
        }
    }

    private <T> Reply<T> exchange(Supplier<ApiResponse<T>> request) {
        long start = System.nanoTime();
        ApiResponse<T> response;
        try {
            response = request.get();
        } catch (DataReader.InsufficientDataAvailableException e) {
            // The connection closed before a status line: a pooled connection that the load balancer
            // closed (idle, or after its target connection failed) just as it was reused. Nothing was answered.
            throw PaymentsConnectionException.broken(e);
        } catch (RuntimeException e) {
            // Helidon's client throws an UncheckedIOException, or wraps one in a plain RuntimeException
            // ("Exception in socket monitor thread", see idleConnectionGaveUp): a transport failure either way.
            if (causedByIo(e)) {
                throw transportFailure(e, Duration.ofNanos(System.nanoTime() - start));
            }
            throw e;
        }
        try (HttpClientResponse http = response.webClientResponse()) {
            int status = http.status().code();
            if (status >= 200 && status < 300) {
                boolean replayed = http.headers()
                        .first(IdempotencyKey.REPLAYED)
                        .map(Boolean::parseBoolean)
                        .orElse(false);
                return new Reply<>(status, response.result(), null, replayed);
            }
            if (status >= 400 && status < 500) {
                return new Reply<>(status, null, rejection(http), false);
            }
            throw failure(status, http);
        } catch (UncheckedIOException e) {
            throw transportFailure(e, Duration.ofNanos(System.nanoTime() - start));
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw PaymentsCallException.badGateway("Payments answered with a body products cannot read", e);
        }
    }

    /** Payments' problem, when the body is one; the load balancer's own 4xx pages are not. */
    private static Problem rejection(HttpClientResponse http) {
        Status status = http.status();
        try {
            var problem = http.entity().as(com.example.products.payments.client.model.Problem.class);
            List<Problem.InvalidParam> errors = problem.getErrors() == null
                    ? List.of()
                    : problem.getErrors().stream()
                            .map(e -> new Problem.InvalidParam(e.getName(), e.getReason()))
                            .toList();
            String detail = problem.getDetail() == null ? status.reasonPhrase() : problem.getDetail();
            return ProblemType.of(problem.getType())
                    .filter(type -> type.status().code() == status.code())
                    .map(type -> Problem.of(type, detail))
                    .orElseGet(() -> Problem.of(status, detail))
                    .withErrors(errors);
        } catch (RuntimeException notAProblem) {
            return Problem.of(status, "Payments rejected the request (" + status.code() + ")");
        }
    }

    private static PaymentsCallException failure(int status, HttpClientResponse http) {
        return switch (status) {
            case 503 ->
                ledgerDown(http)
                        ? PaymentsCallException.ledgerUnavailable("The payment ledger is unavailable for now (503)")
                        : PaymentsCallException.unavailable("Payments has no healthy instance (503)");
            case 504 -> PaymentsCallException.timeout("The load balancer timed out waiting for payments (504)", null);
            // Payments never answers 502 itself: it is the load balancer saying that its connection to a
            // payments instance was refused, reset or closed before an answer. Retried like a broken connection.
            case 502 -> PaymentsConnectionException.targetFailed();
            default -> PaymentsCallException.badGateway("Payments failed with status " + status, null);
        };
    }

    /** Payments' own 503 says its ledger is down; the load balancer's 503 page is not a problem document. */
    private static boolean ledgerDown(HttpClientResponse http) {
        try {
            var problem = http.entity().as(com.example.products.payments.client.model.Problem.class);
            return ProblemType.LEDGER_UNAVAILABLE.uri().equals(problem.getType());
        } catch (RuntimeException notAProblem) {
            return false;
        }
    }

    /**
     * A pooled connection that Helidon's client gave up on while the call took it, not a slow payments.
     * Helidon 4.5 watches each idle pooled connection from another thread, reading in 500 ms steps until
     * the read timeout has passed, then closes it; a call that takes the connection at that moment fails
     * with the watcher's {@link SocketTimeoutException}, wrapped in "Exception in socket monitor thread"
     * around an {@link ExecutionException}, however fast payments is (helidon-io/helidon#10861, #12339;
     * fixed only after 4.x). It showed in the benchmarks as a 504 in a few milliseconds, once in some
     * thousand calls at 100-250/s, where connections idle longest. A timeout of the call itself cannot
     * come before the read timeout, so one that does is the connection failing: retried, as safe as any
     * broken connection.
     */
    static boolean idleConnectionGaveUp(Throwable e, Duration elapsed, Duration readTimeout) {
        if (elapsed.compareTo(readTimeout) >= 0) {
            return false;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ExecutionException) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                return true;
            }
        }
        return false;
    }

    private PaymentsCallException transportFailure(RuntimeException e, Duration elapsed) {
        if (idleConnectionGaveUp(e, elapsed, settings.readTimeout())) {
            return PaymentsConnectionException.broken(e);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException) {
                return PaymentsCallException.timeout("Payments did not answer in time", e);
            }
            if (cause instanceof ConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                return PaymentsConnectionException.refused(e);
            }
        }
        return PaymentsConnectionException.broken(e);
    }

    /**
     * One answer of payments: an entity (2xx) or a rejection (4xx).
     */
    private record Reply<T>(int status, T entity, Problem rejection, boolean replayed) {

        T entityOrThrow() {
            if (rejection == null) {
                return entity;
            }
            if (status == Status.NOT_FOUND_404.code()) {
                // A 404 for a collection means the load balancer routes nowhere: a gateway fault, not the client's.
                throw PaymentsCallException.badGateway("Payments has no such resource (404)", null);
            }
            throw new PaymentsRejectedException(rejection);
        }
    }
}
