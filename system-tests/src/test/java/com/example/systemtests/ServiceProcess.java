package com.example.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service, started from its built jar as a separate JVM on a loopback port, as ECS starts it
 * (configuration through the environment).
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient PROBE =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, Path jar, int port, Map<String, String> environment, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.log = log;
    }

    /**
     * Starts a service; {@link #awaitReady(Duration)} waits until it is ready.
     *
     * @param name        a name for the log file
     * @param module      {@code payments} or {@code products}
     * @param port        the port, given as {@code SERVER_PORT}
     * @param environment further settings, e.g. {@code PAYMENTS_BASE_URI}
     * @return the started process
     */
    static ServiceProcess start(String name, String module, int port, Map<String, String> environment) {
        Path jar = Repository.file(module + "/target/" + module + ".jar");
        ServiceProcess service = new ServiceProcess(
                name, jar, port, environment, Repository.logDirectory().resolve(name + ".log"));
        service.launch(ProcessBuilder.Redirect.to(service.log.toFile()));
        return service;
    }

    /** Starts the same service again on the same port, as a replacement task would (after a stop). */
    void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private void launch(ProcessBuilder.Redirect output) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The services' JVM defaults, as run-local.sh and the images use them.
        String jvmOptions = "@" + Repository.file("service-support/src/main/jvm/jvm.options");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, jvmOptions, "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        builder.environment().put("SERVER_HOST", "127.0.0.1");
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /**
     * Waits until the readiness endpoint answers 2xx.
     *
     * @param timeout the longest wait
     * @return how long it took
     */
    Duration awaitReady(Duration timeout) {
        return Poll.until(name + " to be ready on port " + port, timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + log);
            }
            return isReady();
        });
    }

    /** Whether the readiness endpoint answers 2xx now. */
    boolean isReady() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri() + "/observe/health/ready"))
                    .timeout(Duration.ofMillis(500))
                    .build();
            int status =
                    PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends SIGKILL: the process dies at once, with no chance to finish anything. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** Sends SIGTERM, as ECS does when it stops a task. */
    void terminate() {
        process.destroy();
    }

    /**
     * Waits for the process to exit.
     *
     * @param timeout the longest wait
     * @return its exit code
     */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + timeout.toMillis() + " ms");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    String baseUri() {
        return "http://" + address();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
