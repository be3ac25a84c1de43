package com.example.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system as it runs in ECS, on loopback: two payments instances behind the ALB stand-in, sharing
 * one PostgreSQL database, and products calling payments through the stand-in ({@code PAYMENTS_BASE_URI}).
 * Every process is this object's own; closing it ends them all (the database server is not a process
 * of the system: see {@link SystemDatabase}).
 */
final class LocalSystem implements AutoCloseable {

    /** A bound against a hang: a JVM starts in about a second, in over a minute on a starved machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    /**
     * For scenarios about routing, draining and failover rather than timeouts: products waits up to
     * 10 s for payments instead of 2 s, so that a machine starved of CPU does not turn a slow answer
     * into a 504 that the scenario is not about.
     */
    static final Map<String, String> UNHURRIED = Map.of("PAYMENTS_READ_TIMEOUT", "PT10S");

    /** Products exactly as configured for ECS (application.yaml). */
    static final Map<String, String> AS_CONFIGURED = Map.of();

    private final List<ServiceProcess> payments = new ArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private DelayingProxy slowProxy;
    private LocalAlb alb;
    private ServiceProcess products;
    private ProductsClient client;

    private LocalSystem() {}

    /**
     * Starts the system and waits until products is ready.
     *
     * @param name          a name for the log files
     * @param slowFirst     put a {@link DelayingProxy} between the stand-in and the first payments instance
     * @param idleTimeout   the stand-in's idle timeout, when not the ALB's
     * @param products      products' settings from the environment: {@link #UNHURRIED} or {@link #AS_CONFIGURED}
     * @return the running system
     */
    static LocalSystem start(
            String name, boolean slowFirst, Optional<Duration> idleTimeout, Map<String, String> products) {
        return start(name, slowFirst, idleTimeout, products, SystemDatabase.freshEnvironment());
    }

    /**
     * Starts the system on a database of the caller's, and waits until products is ready.
     *
     * @param name     a name for the log files
     * @param products products' settings from the environment: {@link #UNHURRIED} or {@link #AS_CONFIGURED}
     * @param database {@code PAYMENTS_DB_*} settings (see {@link SystemDatabase#environment})
     * @return the running system
     */
    static LocalSystem start(String name, Map<String, String> products, Map<String, String> database) {
        return start(name, false, Optional.empty(), products, database);
    }

    private static LocalSystem start(
            String name,
            boolean slowFirst,
            Optional<Duration> idleTimeout,
            Map<String, String> products,
            Map<String, String> database) {
        LocalSystem system = new LocalSystem();
        try {
            system.launch(name, slowFirst, idleTimeout, products, database);
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    static LocalSystem start(String name, Map<String, String> products) {
        return start(name, false, Optional.empty(), products);
    }

    private void launch(
            String name,
            boolean slowFirst,
            Optional<Duration> idleTimeout,
            Map<String, String> productsEnvironment,
            Map<String, String> database) {
        LocalAlb.requireHaproxy();
        for (int i = 1; i <= 2; i++) {
            ServiceProcess instance =
                    own(ServiceProcess.start(name + "-payments-" + i, "payments", Repository.freePort(), database));
            payments.add(instance);
        }
        List<String> targets =
                new ArrayList<>(payments.stream().map(ServiceProcess::address).toList());
        if (slowFirst) {
            slowProxy = own(DelayingProxy.start(targets.getFirst()));
            targets.set(0, slowProxy.address());
        }
        // The stand-in's port must be known before products starts, so products starts last.
        payments.forEach(instance -> instance.awaitReady(START_TIMEOUT));
        alb = own(LocalAlb.start(targets, idleTimeout, name + "-haproxy"));
        Map<String, String> environment = new java.util.HashMap<>(SystemIssuer.productsEnvironment(alb.baseUri()));
        environment.putAll(productsEnvironment);
        products = own(ServiceProcess.start(name + "-products", "products", Repository.freePort(), environment));
        products.awaitReady(START_TIMEOUT);
        client = new ProductsClient(products.baseUri());
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    ServiceProcess payments(int index) {
        return payments.get(index);
    }

    List<ServiceProcess> payments() {
        return List.copyOf(payments);
    }

    DelayingProxy slowProxy() {
        return slowProxy;
    }

    LocalAlb alb() {
        return alb;
    }

    ServiceProcess products() {
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
