package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * ECS stops products (SIGTERM) while calls are in flight: products answers every one of them, then
 * exits on the signal (143; 137 would be ECS's SIGKILL) within its task definition's stopTimeout.
 * One scenario for both variants of the system: processes and containers.
 */
final class InFlightAtSigterm {

    private static final int IN_FLIGHT = 8;

    /**
     * How long the slow instance holds each answer: long enough that the calls are surely all in
     * flight at SIGTERM, shorter than products' read timeout ({@link LocalSystem#UNHURRIED}) and than
     * the stand-in's health check timeout (5 s), which the checks through the proxy must meet.
     */
    private static final Duration DELAY = Duration.ofSeconds(3);

    private InFlightAtSigterm() {}

    /** Runs the scenario. */
    static void check(LocalSystem<?> system, String title) throws InterruptedException, ExecutionException {
        Duration stopTimeout = Duration.ofSeconds(
                Repository.taskContainer("products").path("stopTimeout").asInt(30));
        // Every call through the slow first instance.
        system.alb().setState("payments-2", "maint");
        system.slowProxy().delay(DELAY);
        List<Integer> statuses = new ArrayList<>();
        int exit;
        Duration stopped;
        try (ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT)) {
            List<Future<ProductsClient.Reply>> calls = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                calls.add(clients.submit(() -> system.client().listPayments()));
            }
            // The bound is against a hang: the condition holds within the delay of the first call, or never.
            Poll.until(
                    "all calls to be in flight",
                    Duration.ofSeconds(30),
                    () -> system.alb().target("payments-1").number("scur") >= IN_FLIGHT);

            system.products().terminate();
            long terminated = System.nanoTime();
            exit = system.products().awaitExit(stopTimeout);
            stopped = Duration.ofNanos(System.nanoTime() - terminated);
            for (Future<ProductsClient.Reply> call : calls) {
                statuses.add(call.get().status());
            }
        }
        Figures.print(
                title,
                "in-flight=" + IN_FLIGHT + " statuses=" + statuses + " exit=" + exit + " stopped-after="
                        + stopped.toMillis() + "ms (stopTimeout " + stopTimeout.toSeconds() + " s)");
        assertThat(statuses, everyItem(is(200)));
        // 128 + SIGTERM: the JVM ran its shutdown (Helidon's graceful stop) and exited on the signal.
        assertThat(exit, is(143));
    }
}
