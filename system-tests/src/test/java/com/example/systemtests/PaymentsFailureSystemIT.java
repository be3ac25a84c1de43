package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Every payments instance dies (SIGKILL). The loss of one of two under load is LedgerSystemIT's.
 */
class PaymentsFailureSystemIT {

    private static final AlbTemplate ALB = AlbTemplate.read();

    private static boolean bothDown(LocalSystem<?> system) {
        return LocalAlb.TARGETS.stream()
                .allMatch(target -> system.alb().target(target).text("status").startsWith("DOWN"));
    }

    /**
     * How long products may take to answer while payments is down: what its own timeouts allow one call
     * (connect 1 s plus read 2 s, application.yaml; it retries only a failed connection to the stand-in,
     * which is up), plus 3 s for a busy machine (on 2 cores shared with two builds, one happy-path call
     * in 400 took 5.1 s). Typically it is the stand-in's turn-around before it retries a refused
     * connection on the other target (HAProxy waits min(timeout connect, 1 s); an ALB answers 502 at
     * once), and once health checks have marked the targets DOWN, or the breaker is open, milliseconds;
     * the [figures] line reports the slowest. A hang would exceed it.
     */
    private static final Duration FAILURE_BUDGET = Duration.ofSeconds(1 + 2 + 3);

    @Test
    void answersWithAProblemWithinBudgetWhileAllAreDownAndRecoversByItself() {
        try (LocalSystem<ServiceProcess> system = LocalSystem.start("all-down", LocalSystem.AS_CONFIGURED)) {
            assertThat(system.client().listPayments().status(), is(200));

            system.payments().forEach(ServiceProcess::kill);
            // A lasting outage: calls go on until the stand-in's health checks have marked both targets DOWN.
            List<ProductsClient.Reply> replies = new ArrayList<>();
            Duration window = ALB.healthCheckInterval()
                    .multipliedBy(ALB.unhealthyThreshold())
                    .plus(ALB.healthCheckTimeout());
            long end = System.nanoTime() + window.plusSeconds(30).toNanos();
            while (replies.size() < 400 && System.nanoTime() < end && (replies.size() < 40 || !bothDown(system))) {
                replies.add(system.client().listPayments());
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // pacing the calls, not a wait
            }
            assertThat("both targets marked DOWN", bothDown(system), is(true));
            Duration slowest = replies.stream()
                    .map(ProductsClient.Reply::elapsed)
                    .max(Duration::compareTo)
                    .orElseThrow();
            for (ProductsClient.Reply reply : replies) {
                assertThat(reply.toString(), reply.status(), anyOf(is(502), is(503)));
                assertThat(reply.toString(), reply.isProblem(), is(true));
                assertThat(reply.toString(), reply.elapsed(), lessThanOrEqualTo(FAILURE_BUDGET));
            }
            // The breaker opened (it then alternates between open and half-open while the outage lasts).
            assertThat(
                    system.client().metric("ft.circuitbreaker.opened.total;name=payments-breaker"), greaterThan(0.0));

            system.payments().forEach(ServiceProcess::restart);
            system.payments().forEach(instance -> instance.awaitReady(LocalSystem.START_TIMEOUT));
            // The stand-in needs healthy-threshold checks (the first one up to an interval away); products'
            // breaker lets a trial call through at most its delay (5 s) later; 20 s more for a busy machine.
            Duration bound = ALB.timeToHealthy().plus(ALB.healthCheckInterval()).plus(Duration.ofSeconds(5 + 20));
            Duration recovered = Poll.until(
                    "products to answer 200 again",
                    bound,
                    () -> system.client().listPayments().status() == 200);
            Figures.print(
                    "all instances down",
                    "answers=" + replies.size() + " statuses="
                            + replies.stream()
                                    .map(ProductsClient.Reply::status)
                                    .distinct()
                                    .sorted()
                                    .toList()
                            + " over-1s="
                            + replies.stream()
                                    .filter(r -> r.elapsed().compareTo(Duration.ofSeconds(1)) > 0)
                                    .count()
                            + " slowest=" + slowest.toMillis() + "ms recovered-after-payments-ready="
                            + recovered.toMillis() + "ms (bound " + bound.toSeconds()
                            + " s)");
            assertThat(system.client().circuitState(), is(0));
        }
    }
}
