package com.example.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One service, started from its built jar as a separate JVM on a loopback port, as ECS starts it
 * (configuration through the environment).
 */
final class ServiceProcess implements ServiceInstance {

    private final String name;
    private final Path jar;
    private final int port = Repository.freePort();
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, String module, Map<String, String> environment) {
        this.name = name;
        this.jar = Repository.file(module + "/target/" + module + ".jar");
        this.environment = environment;
        this.log = Repository.logDirectory().resolve(name + ".log");
    }

    /**
     * Starts {@code payments} or {@code products} on a free port (given as {@code SERVER_PORT}) with
     * the given environment; {@link #awaitReady(Duration)} waits until it is ready.
     */
    static ServiceProcess start(String name, String module, Map<String, String> environment) {
        ServiceProcess service = new ServiceProcess(name, module, environment);
        service.launch(ProcessBuilder.Redirect.to(service.log.toFile()));
        return service;
    }

    /**
     * payments over a new database and products in front of it, both ready: the two services without
     * the load balancer, for what one instance of each shows.
     */
    static List<ServiceProcess> paymentsAndProducts(String name) {
        ServiceProcess payments = start(name + "-payments", "payments", SystemDatabase.freshEnvironment());
        ServiceProcess products =
                start(name + "-products", "products", SystemIssuer.productsEnvironment(payments.baseUri()));
        try {
            payments.awaitReady(LocalSystem.START_TIMEOUT);
            products.awaitReady(LocalSystem.START_TIMEOUT);
            return List.of(payments, products);
        } catch (RuntimeException | Error e) {
            products.close();
            payments.close();
            throw e;
        }
    }

    /** Starts the same service again on the same port, as a replacement task would (after a stop). */
    @Override
    public void restart() {
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
        // glibc's malloc arenas, as in the images and the tasks (jvm.options says why).
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    @Override
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    @Override
    public void terminate() {
        process.destroy();
    }

    @Override
    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public int exitCode() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
