package com.example.systemtests;

import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One running instance of a service, as ECS runs a task: a JVM started from the built jar
 * ({@link ServiceProcess}) or a container started from the image ({@link ServiceContainer}).
 * {@link LocalSystem} assembles the system from either; the scenarios drive them through this.
 */
interface ServiceInstance extends AutoCloseable {

    /** One client for every readiness probe; its bounds are for a starved machine, the polls retry. */
    WebClient PROBE = WebClient.builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(2))
            .build();

    /** The name in failure messages and log file names. */
    String name();

    /** {@code host:port} where the service listens. */
    String address();

    default String baseUri() {
        return "http://" + address();
    }

    /** Whether the service's main process still runs. */
    boolean isRunning();

    /** Its exit code, once it no longer runs. */
    int exitCode();

    /** Where its output is (for a container: once {@link #close()} saved it). */
    Path log();

    /** Sends SIGTERM, as ECS does when it stops a task. */
    void terminate();

    /** Sends SIGKILL and waits for the exit: it dies at once, with no chance to finish anything. */
    void kill();

    /**
     * Starts the same service again after it exited, with the same settings, as a replacement task would.
     * A process keeps its port; a container keeps its name, but its bridge address may change.
     */
    void restart();

    /** Waits for the service to exit. */
    default int awaitExit(Duration timeout) {
        Poll.until(name() + " to exit", timeout, () -> !isRunning());
        return exitCode();
    }

    /**
     * Whether the readiness endpoint (the target group's health check) answers 2xx now; throws when
     * nothing answers (which {@link Poll} takes for "not yet").
     */
    default boolean isReady() {
        try (HttpClientResponse response =
                PROBE.get(baseUri() + "/observe/health/ready").request()) {
            return response.status().family() == Status.Family.SUCCESSFUL;
        }
    }

    /** Waits until the readiness endpoint answers 2xx; fails at once when the service exits instead. */
    default Duration awaitReady(Duration timeout) {
        return Poll.until(name() + " to be ready at " + address(), timeout, () -> {
            if (!isRunning()) {
                throw new AssertionError(name() + " exited with " + exitCode() + "; see " + log());
            }
            return isReady();
        });
    }

    /** Stops it at once if it still runs (SIGKILL), keeping its log. */
    @Override
    void close();
}
