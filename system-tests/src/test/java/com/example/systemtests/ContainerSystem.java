package com.example.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system from its images, wired as in ECS: two payments containers behind the ALB stand-in, sharing
 * one PostgreSQL database on this host ({@link SystemDatabase#freshContainerEnvironment()}), and
 * a products container calling payments through it ({@code PAYMENTS_BASE_URI}). The stand-in runs on
 * this host, listening where the containers reach the host. Closing it ends everything it started.
 */
final class ContainerSystem implements AutoCloseable {

    /** The containers start on a shared, busy machine: generous, but bounded. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final List<ServiceContainer> payments = new ArrayList<>();
    private final List<AutoCloseable> owned = new ArrayList<>();
    private DelayingProxy slowProxy;
    private LocalAlb alb;
    private ServiceContainer products;
    private ProductsClient client;

    private ContainerSystem() {}

    /**
     * Starts the system and waits until products is ready.
     *
     * @param name      a name for the containers and log files
     * @param slowFirst put a {@link DelayingProxy} between the stand-in and the first payments container
     * @return the running system
     */
    static ContainerSystem start(String name, boolean slowFirst) {
        ContainerSystem system = new ContainerSystem();
        try {
            system.launch(name, slowFirst);
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    /**
     * payments' settings, as its task definition passes them: the one place to add what the image
     * needs in ECS. Both containers share one new database ({@code PAYMENTS_DB_*}), as the tasks share RDS.
     */
    static Map<String, String> paymentsEnvironment() {
        return SystemDatabase.freshContainerEnvironment();
    }

    /**
     * products' settings, as its task definition passes them: the one place to add what the image
     * needs in ECS (the test issuer's {@code PRODUCTS_AUTH_*}; its {@code file:} JWKS is mounted into the container).
     *
     * @param paymentsBaseUri the stand-in's address
     */
    static Map<String, String> productsEnvironment(String paymentsBaseUri) {
        return SystemIssuer.productsEnvironment(paymentsBaseUri);
    }

    private void launch(String name, boolean slowFirst) {
        LocalAlb.requireHaproxy();
        Map<String, String> paymentsEnvironment = paymentsEnvironment();
        for (int i = 1; i <= 2; i++) {
            payments.add(own(ServiceContainer.start(name + "-payments-" + i, "payments", 5000, paymentsEnvironment)));
        }
        List<String> targets =
                new ArrayList<>(payments.stream().map(ServiceContainer::address).toList());
        if (slowFirst) {
            slowProxy = own(DelayingProxy.start(targets.getFirst()));
            targets.set(0, slowProxy.address());
        }
        payments.forEach(container -> container.awaitReady(START_TIMEOUT));
        alb = own(LocalAlb.start(targets, Optional.empty(), name + "-haproxy", ServiceContainer.hostAddress()));
        products =
                own(ServiceContainer.start(name + "-products", "products", 8080, productsEnvironment(alb.baseUri())));
        products.awaitReady(START_TIMEOUT);
        client = new ProductsClient(products.baseUri());
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.add(resource);
        return resource;
    }

    List<ServiceContainer> payments() {
        return List.copyOf(payments);
    }

    /** Every container: both payments, then products. */
    List<ServiceContainer> containers() {
        List<ServiceContainer> all = new ArrayList<>(payments);
        all.add(products);
        return all;
    }

    DelayingProxy slowProxy() {
        return slowProxy;
    }

    LocalAlb alb() {
        return alb;
    }

    ServiceContainer products() {
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
