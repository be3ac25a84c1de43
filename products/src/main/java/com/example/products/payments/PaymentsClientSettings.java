package com.example.products.payments;

import io.helidon.config.Config;
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
 * @param breakerVolume  calls in the circuit breaker's rolling window
 * @param breakerRatio   percentage of failed calls in the window that opens the breaker
 * @param breakerDelay   how long the breaker stays open before a trial call
 */
public record PaymentsClientSettings(
        URI baseUri,
        Duration connectTimeout,
        Duration readTimeout,
        int maxConnections,
        int breakerVolume,
        int breakerRatio,
        Duration breakerDelay) {

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
        Objects.requireNonNull(breakerDelay);
    }

    /**
     * Reads the settings.
     *
     * @param payments the {@code payments} configuration node
     * @return the settings
     * @throws io.helidon.config.MissingValueException when a key is missing
     */
    public static PaymentsClientSettings from(Config payments) {
        return new PaymentsClientSettings(
                URI.create(payments.get("base.uri").asString().get()),
                payments.get("connect.timeout").as(Duration.class).get(),
                payments.get("read.timeout").as(Duration.class).get(),
                payments.get("connections.max").asInt().get(),
                payments.get("breaker.volume").asInt().get(),
                payments.get("breaker.ratio").asInt().get(),
                payments.get("breaker.delay").as(Duration.class).get());
    }
}
