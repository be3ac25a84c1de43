package com.example.support;

import io.helidon.config.Config;
import io.helidon.health.HealthCheck;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import java.util.function.Consumer;

/**
 * The web server set-up both services share: JSON and problem media, problem responses for errors
 * before and during routing, request correlation, and the structured access log.
 * Observability (health, metrics) and OpenAPI come from the {@code server.features} configuration.
 */
public final class ServiceServer {

    private ServiceServer() {}

    /**
     * Configures a server builder (used by {@code main} and by tests that start a real server).
     *
     * @param server       the builder
     * @param serverConfig the {@code server} configuration node (port, timeouts, features)
     * @param healthChecks checks of the service's own dependencies (e.g. a readiness check of its
     *                     database), added to the configured health observer
     * @return the builder
     */
    public static WebServerConfig.Builder configure(
            WebServerConfig.Builder server, Config serverConfig, HealthCheck... healthChecks) {
        DirectHandlers.Builder directHandlers = DirectHandlers.builder();
        ProblemDirectHandler problems = new ProblemDirectHandler();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            directHandlers.addHandler(type, problems);
        }
        server.config(serverConfig)
                .mediaContext(Json.mediaContext())
                .directHandlers(directHandlers.build())
                .addFeature(StructuredAccessLog.feature());
        if (healthChecks.length > 0) {
            // Built from the same configuration; an observer or feature given in code replaces the one
            // Helidon would create from configuration, so there is still one health endpoint.
            Config observe = serverConfig.get("features.observe");
            server.addFeature(ObserveFeature.builder()
                    .config(observe)
                    .addObserver(HealthObserver.builder()
                            .config(observe.get("observers.health"))
                            .addChecks(healthChecks)
                            .build())
                    .build());
        }
        return server;
    }

    /**
     * Wraps a service's API routes with what every routing needs: the server span and correlation
     * first, then the routes, and the error handlers (which also answer paths no route matches).
     *
     * @param routing   the routing builder
     * @param tracing   makes the server spans
     * @param apiRoutes the service's own routes
     */
    public static void routing(HttpRouting.Builder routing, Tracing tracing, Consumer<HttpRouting.Builder> apiRoutes) {
        routing.addFilter(tracing.serverSpans());
        routing.addFilter(new RequestCorrelation());
        apiRoutes.accept(routing);
        ErrorHandlers.register(routing);
    }

    /**
     * Builds and starts a server; Helidon's shutdown hook stops it gracefully on SIGTERM.
     *
     * @param serverConfig the {@code server} configuration node
     * @param routing      the service's whole routing, which wraps its routes with
     *                     {@link #routing(HttpRouting.Builder, Tracing, Consumer)} (once: wrapping it
     *                     here again would run every filter twice)
     * @param healthChecks checks of the service's own dependencies
     * @return the started server
     */
    public static WebServer start(
            Config serverConfig, Consumer<HttpRouting.Builder> routing, HealthCheck... healthChecks) {
        return configure(WebServer.builder(), serverConfig, healthChecks)
                .routing(routing)
                .build()
                .start();
    }
}
