package com.example.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system as it runs in ECS, on loopback: two payments instances behind the ALB stand-in, and
 * products calling payments through it ({@code PAYMENTS_BASE_URI}). Every process is this object's
 * own; closing it ends them all.
 */
final class LocalSystem implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

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
     * @return the running system
     */
    static LocalSystem start(String name, boolean slowFirst, Optional<Duration> idleTimeout) {
        LocalSystem system = new LocalSystem();
        try {
            system.launch(name, slowFirst, idleTimeout);
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    static LocalSystem start(String name) {
        return start(name, false, Optional.empty());
    }

    private void launch(String name, boolean slowFirst, Optional<Duration> idleTimeout) {
        LocalAlb.requireHaproxy();
        for (int i = 1; i <= 2; i++) {
            ServiceProcess instance =
                    own(ServiceProcess.start(name + "-payments-" + i, "payments", Repository.freePort(), Map.of()));
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
        products = own(ServiceProcess.start(
                name + "-products",
                "products",
                Repository.freePort(),
                SystemIssuer.productsEnvironment(alb.baseUri())));
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
