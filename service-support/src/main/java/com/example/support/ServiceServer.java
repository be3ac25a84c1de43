package com.example.support;

import io.helidon.config.Config;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
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
     * @return the builder
     */
    public static WebServerConfig.Builder configure(WebServerConfig.Builder server, Config serverConfig) {
        DirectHandlers.Builder directHandlers = DirectHandlers.builder();
        ProblemDirectHandler problems = new ProblemDirectHandler();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            directHandlers.addHandler(type, problems);
        }
        return server.config(serverConfig)
                .mediaContext(Json.mediaContext())
                .directHandlers(directHandlers.build())
                .addFeature(StructuredAccessLog.feature());
    }

    /**
     * Wraps a service's API routes with what every routing needs: correlation first, then the
     * routes, and the error handlers (which also answer paths no route matches).
     *
     * @param routing   the routing builder
     * @param apiRoutes the service's own routes
     */
    public static void routing(HttpRouting.Builder routing, Consumer<HttpRouting.Builder> apiRoutes) {
        routing.addFilter(new RequestCorrelation());
        apiRoutes.accept(routing);
        ErrorHandlers.register(routing);
    }

    /**
     * Builds and starts a server; Helidon's shutdown hook stops it gracefully on SIGTERM.
     *
     * @param serverConfig the {@code server} configuration node
     * @param apiRoutes    the service's own routes
     * @return the started server
     */
    public static WebServer start(Config serverConfig, Consumer<HttpRouting.Builder> apiRoutes) {
        return configure(WebServer.builder(), serverConfig)
                .routing(routing -> routing(routing, apiRoutes))
                .build()
                .start();
    }
}
