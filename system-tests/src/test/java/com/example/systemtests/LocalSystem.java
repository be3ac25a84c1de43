package com.example.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system as it runs in ECS: two payments instances behind the ALB stand-in, sharing one
 * PostgreSQL database, and products calling payments through the stand-in ({@code PAYMENTS_BASE_URI}).
 * The instances are JVM processes on loopback ({@link #start}) or the images as containers
 * ({@link #containers}), wired the same way. Closing it ends everything it started (the database
 * server is not part of the system: see {@link SystemDatabase}).
 */
final class LocalSystem<I extends ServiceInstance> implements AutoCloseable {

    /** A bound against a hang: a JVM starts in about a second, in over a minute on a starved machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    /**
     * For scenarios about routing, draining and failover rather than timeouts: products waits up to
     * 10 s for payments instead of 2 s, so that a machine starved of CPU does not turn a slow answer
     * into a 504 that the scenario is not about.
     */
    static final Map<String, String> UNHURRIED = Map.of("PAYMENTS_READ_TIMEOUT", "PT10S");

    /** Products exactly as configured for ECS (application.yaml). */
    static final Map<String, String> AS_CONFIGURED = Map.of();

    private static final String LOOPBACK = "127.0.0.1";

    /** How a variant starts one instance: the one thing in which processes and containers differ. */
    @FunctionalInterface
    private interface Launcher<I> {
        I start(String name, String service, Map<String, String> environment);
    }

    private final Launcher<I> launcher;
    private final List<I> payments = new ArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private DelayingProxy slowProxy;
    private LocalAlb alb;
    private I products;
    private ProductsClient client;

    private LocalSystem(Launcher<I> launcher) {
        this.launcher = launcher;
    }

    /** Starts the system as JVM processes on a new database and waits until products is ready. */
    static LocalSystem<ServiceProcess> start(String name, Map<String, String> products) {
        return start(name, false, Optional.empty(), products);
    }

    /**
     * As {@link #start(String, Map)}, with a {@link DelayingProxy} in front of the first payments
     * instance ({@code slowFirst}) and the stand-in's idle timeout, when not the ALB's.
     */
    static LocalSystem<ServiceProcess> start(
            String name, boolean slowFirst, Optional<Duration> idleTimeout, Map<String, String> products) {
        return new LocalSystem<>(ServiceProcess::start)
                .launch(name, slowFirst, idleTimeout, products, SystemDatabase.freshEnvironment(), LOOPBACK);
    }

    /** As {@link #start(String, Map)}, with payments' environment given ({@link SystemDatabase#environment}). */
    static LocalSystem<ServiceProcess> start(String name, Map<String, String> products, Map<String, String> database) {
        return new LocalSystem<>(ServiceProcess::start)
                .launch(name, false, Optional.empty(), products, database, LOOPBACK);
    }

    /**
     * Starts the system from the images ({@code scripts/build-images.sh}) as containers on podman's
     * bridge, configured as their task definitions configure them, and waits until products is ready.
     * Both payments containers share a new database on this host, as the tasks share RDS; the stand-in
     * listens where the containers reach this host.
     */
    static LocalSystem<ServiceContainer> containers(String name, boolean slowFirst, Map<String, String> products) {
        return new LocalSystem<>(ServiceContainer::start)
                .launch(
                        name,
                        slowFirst,
                        Optional.empty(),
                        products,
                        SystemDatabase.freshContainerEnvironment(),
                        ServiceContainer.hostAddress());
    }

    private LocalSystem<I> launch(
            String name,
            boolean slowFirst,
            Optional<Duration> idleTimeout,
            Map<String, String> productsSettings,
            Map<String, String> database,
            String albHost) {
        try {
            LocalAlb.requireHaproxy();
            for (int i = 1; i <= 2; i++) {
                payments.add(own(launcher.start(name + "-payments-" + i, "payments", database)));
            }
            List<String> targets = new ArrayList<>(
                    payments.stream().map(ServiceInstance::address).toList());
            if (slowFirst) {
                slowProxy = own(DelayingProxy.start(targets.getFirst()));
                targets.set(0, slowProxy.address());
            }
            // The stand-in's port must be known before products starts, so products starts last.
            payments.forEach(instance -> instance.awaitReady(START_TIMEOUT));
            alb = own(LocalAlb.start(targets, idleTimeout, name + "-haproxy", albHost));
            // products' settings as its task definition passes them: the test issuer's PRODUCTS_AUTH_*
            // (a file: JWKS, which a container gets mounted) and the stand-in as PAYMENTS_BASE_URI.
            Map<String, String> environment = new HashMap<>(SystemIssuer.productsEnvironment(alb.baseUri()));
            environment.putAll(productsSettings);
            products = own(launcher.start(name + "-products", "products", environment));
            products.awaitReady(START_TIMEOUT);
            client = new ProductsClient(products.baseUri());
            return this;
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    I payments(int index) {
        return payments.get(index);
    }

    List<I> payments() {
        return List.copyOf(payments);
    }

    /** Every instance: both payments, then products. */
    List<I> instances() {
        List<I> all = new ArrayList<>(payments);
        all.add(products);
        return all;
    }

    DelayingProxy slowProxy() {
        return slowProxy;
    }

    LocalAlb alb() {
        return alb;
    }

    I products() {
        return products;
    }

    ProductsClient client() {
        return client;
    }

    /** Stops everything this system started, last started first. */
    @Override
    public void close() {
        for (AutoCloseable resource : owned.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("Could not stop " + resource + ": " + e);
            }
        }
    }
}
