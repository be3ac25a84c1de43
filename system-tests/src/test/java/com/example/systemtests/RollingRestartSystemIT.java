package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Graceful stops, as ECS does them: SIGTERM after the target has been drained.
 */
class RollingRestartSystemIT {

    private static final AlbTemplate ALB = AlbTemplate.read();

    @Test
    void restartsEveryPaymentsInstanceUnderLoadWithoutAFailedRequest() {
        try (LocalSystem<ServiceProcess> system = LocalSystem.start("rolling-restart", LocalSystem.UNHURRIED)) {
            long retriesBefore = system.client().retries();
            // Stopped when both restarts are done; its own bounds are only against a hang.
            Load load = Load.start(
                    4, 1_000_000, Duration.ofMinutes(15), () -> system.client().listPaymentsStatus());
            Poll.until("load to be under way", Duration.ofSeconds(60), () -> load.completed() >= 200);

            String steps = "";
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
                instance.awaitReady(LocalSystem.START_TIMEOUT);
                system.alb().setState(target, "ready");
                Duration healthy = Poll.until(
                        target + " to be healthy in the stand-in",
                        // The first check may be an interval away; the slack is for a busy machine.
                        ALB.timeToHealthy().plus(ALB.healthCheckInterval()).plusSeconds(20),
                        () -> system.alb().target(target).text("status").equals("UP"));
                steps += " " + target + ": drained=" + drained.toMillis() + "ms exit=" + exit + " healthy-after="
                        + healthy.toMillis() + "ms";
            }
            load.stop();
            // Each client finishes its current call: at most products' read timeout (UNHURRIED).
            Load.Result result = load.await(Duration.ofSeconds(30));

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
        try (LocalSystem<ServiceProcess> system =
                LocalSystem.start("products-sigterm", true, Optional.empty(), LocalSystem.UNHURRIED)) {
            InFlightAtSigterm.check(system, "SIGTERM to products with calls in flight");
        }
    }
}
