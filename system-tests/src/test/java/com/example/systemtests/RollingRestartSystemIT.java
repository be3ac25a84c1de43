package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Graceful stops, as ECS does them: SIGTERM after the target has been drained.
 */
class RollingRestartSystemIT {

    private static final AlbTemplate ALB = AlbTemplate.read();

    @Test
    void restartsEveryPaymentsInstanceUnderLoadWithoutAFailedRequest() {
        try (LocalSystem system = LocalSystem.start("rolling-restart", LocalSystem.UNHURRIED)) {
            long retriesBefore = system.client().retries();
            Load load = Load.start(
                    4, 200_000, Duration.ofSeconds(150), () -> system.client().listPaymentsStatus());
            Poll.until("load to be under way", Duration.ofSeconds(10), () -> load.completed() >= 200);

            StringBuilder steps = new StringBuilder();
            for (int i = 0; i < 2; i++) {
                String target = LocalAlb.TARGETS.get(i);
                ServiceProcess instance = system.payments(i);
                // ECS: deregister the target, wait for its in-flight requests (at most the deregistration delay),
                // SIGTERM.
                Duration drained = system.alb().deregister(target, ALB.deregistrationDelay());
                instance.terminate();
                int exit = instance.awaitExit(Duration.ofSeconds(30));
                // A new task on the same address: registered, then healthy after healthy-threshold checks.
                instance.restart();
                instance.awaitReady(Duration.ofSeconds(180));
                system.alb().setState(target, "ready");
                Duration healthy = Poll.until(
                        target + " to be healthy in the stand-in",
                        ALB.timeToHealthy().plus(ALB.healthCheckInterval()),
                        () -> system.alb().target(target).text("status").equals("UP"));
                steps.append(" ")
                        .append(target)
                        .append(": drained=")
                        .append(drained.toMillis())
                        .append("ms exit=")
                        .append(exit)
                        .append(" healthy-after=")
                        .append(healthy.toMillis())
                        .append("ms");
            }
            load.stop();
            Load.Result result = load.await(Duration.ofSeconds(10));

            Figures.print(
                    "rolling restart of payments",
                    result + " retries=" + (system.client().retries() - retriesBefore) + steps);
            assertThat(result.toString(), result.failed(), is(0));
            // Enough calls to span both restarts (their number depends on the machine's speed).
            assertThat(result.requests(), greaterThan(100));
        }
    }

    @Test
    void completesRequestsInFlightWhenProductsIsTerminated() throws Exception {
        try (LocalSystem system =
                LocalSystem.start("products-sigterm", true, Optional.empty(), LocalSystem.UNHURRIED)) {
            system.alb().setState("payments-2", "maint");
            // Calls take 3 s (under the read timeout), so that they are surely in flight at SIGTERM.
            system.slowProxy().delay(Duration.ofSeconds(3));
            int inFlight = 8;
            try (ExecutorService clients = Executors.newFixedThreadPool(inFlight)) {
                List<Future<ProductsClient.Reply>> calls = IntStream.range(0, inFlight)
                        .mapToObj(i -> clients.submit(() -> system.client().listPayments()))
                        .toList();
                Poll.until(
                        "all calls to be in flight",
                        Duration.ofSeconds(5),
                        () -> system.alb().target("payments-1").number("scur") >= inFlight);

                system.products().terminate();
                int exit = system.products().awaitExit(Duration.ofSeconds(30));

                List<Integer> statuses = calls.stream()
                        .map(call -> {
                            try {
                                return call.get().status();
                            } catch (Exception e) {
                                return -1;
                            }
                        })
                        .toList();
                Figures.print(
                        "SIGTERM to products with calls in flight",
                        "in-flight=" + inFlight + " statuses=" + statuses + " exit=" + exit);
                assertThat(statuses.toString(), statuses.stream().allMatch(status -> status == 200), is(true));
            }
        }
    }
}
