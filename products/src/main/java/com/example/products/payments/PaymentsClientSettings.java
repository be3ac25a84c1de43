package com.example.products.payments;

import io.helidon.config.Config;
import io.helidon.faulttolerance.CircuitBreakerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How products reaches payments, from the {@code payments} configuration node (see
 * {@code application.yaml}; every key can be set from the environment, e.g. {@code PAYMENTS_BASE_URI}).
 *
 * @param baseUri        payments' base URI: in ECS the internal ALB's private DNS name
 * @param connectTimeout bound on opening a connection
 * @param readTimeout    bound on waiting for an answer; well under the ALB's 60 s idle timeout
 * @param maxConnections pooled keep-alive connections
 * @param breaker        the circuit breaker, in Helidon's fault-tolerance keys ({@code volume},
 *                       {@code error.ratio}, {@code delay}, ...)
 */
public record PaymentsClientSettings(
        URI baseUri, Duration connectTimeout, Duration readTimeout, int maxConnections, CircuitBreakerConfig breaker) {

    /** The breaker's name, in its metrics ({@code ft.circuitbreaker.*{name="payments-breaker"}}). */
    static final String BREAKER = "payments-breaker";

    /**
     * Checks the settings.
     */
    public PaymentsClientSettings {
        Objects.requireNonNull(baseUri);
        if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme()) || baseUri.getHost() == null) {
            throw new IllegalArgumentException("payments.base.uri must be an absolute http(s) URI: " + baseUri);
        }
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(readTimeout);
        Objects.requireNonNull(breaker);
    }

    /**
     * Reads the settings.
     *
     * @param payments the {@code payments} configuration node
     * @return the settings
     * @throws io.helidon.config.MissingValueException when a key is missing
     */
    public static PaymentsClientSettings from(Config payments) {
        return builder()
                .baseUri(URI.create(payments.get("base.uri").asString().get()))
                .connectTimeout(
                        payments.get("connect.timeout").as(Duration.class).get())
                .readTimeout(payments.get("read.timeout").as(Duration.class).get())
                .maxConnections(payments.get("connections.max").asInt().get())
                .breaker(breaker(payments.get("breaker")))
                .build();
    }

    /**
     * Helidon's breaker keys, and {@code error.ratio} for its {@code error-ratio}: a key without a dash
     * is set from the environment as typed ({@code PAYMENTS_BREAKER_ERROR_RATIO}), not as
     * {@code PAYMENTS_BREAKER_ERROR_dash_RATIO}.
     */
    private static CircuitBreakerConfig breaker(Config breaker) {
        CircuitBreakerConfig.Builder builder =
                CircuitBreakerConfig.builder().config(breaker).name(BREAKER);
        breaker.get("error.ratio").asInt().ifPresent(builder::errorRatio);
        return builder.buildPrototype();
    }

    /**
     * A builder, for code and tests that set only what matters to them; its defaults are those of
     * {@code application.yaml} (a test says so).
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link PaymentsClientSettings}; only the base URI has no default. */
    public static final class Builder {

        private URI baseUri;
        private Duration connectTimeout = Duration.ofSeconds(1);
        private Duration readTimeout = Duration.ofSeconds(2);
        private int maxConnections = 64;
        private CircuitBreakerConfig breaker = CircuitBreakerConfig.builder()
                .name(BREAKER)
                .volume(10)
                .errorRatio(60)
                .delay(Duration.ofSeconds(5))
                .buildPrototype();

        private Builder() {}

        /**
         * @param baseUri payments' base URI
         * @return this builder
         */
        public Builder baseUri(URI baseUri) {
            this.baseUri = baseUri;
            return this;
        }

        /**
         * @param connectTimeout bound on opening a connection
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /**
         * @param readTimeout bound on waiting for an answer
         * @return this builder
         */
        public Builder readTimeout(Duration readTimeout) {
            this.readTimeout = readTimeout;
            return this;
        }

        /**
         * @param maxConnections pooled keep-alive connections
         * @return this builder
         */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * @param breaker the circuit breaker's settings
         * @return this builder
         */
        public Builder breaker(CircuitBreakerConfig breaker) {
            this.breaker = breaker;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalArgumentException when the base URI is not an absolute http(s) URI
         */
        public PaymentsClientSettings build() {
            return new PaymentsClientSettings(baseUri, connectTimeout, readTimeout, maxConnections, breaker);
        }
    }
}
