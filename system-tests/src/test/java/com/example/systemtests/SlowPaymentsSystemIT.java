package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A payments instance that still accepts connections but answers later than products' read timeout.
 */
class SlowPaymentsSystemIT {

    /** products' payments.read.timeout (application.yaml). */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    /**
     * Longer than the read timeout, shorter than the health check timeout: slow, yet healthy. An answer
     * sooner than this did not wait for payments, which is what the timing assertions check.
     */
    private static final Duration DELAY = Duration.ofSeconds(4);

    private static final int CONCURRENT = 12;

    @Test
    void answersGatewayTimeoutInBudgetOpensAndClosesTheBreakerAndLeaksNothing() throws Exception {
        try (LocalSystem<ServiceProcess> system =
                LocalSystem.start("slow", true, Optional.empty(), LocalSystem.AS_CONFIGURED)) {
            // Only the slow instance serves: the other one is deregistered.
            system.alb().setState("payments-2", "maint");
            assertThat(system.client().listPayments().status(), is(200));
            long threadsBefore = threads(system.products().pid());

            system.slowProxy().delay(DELAY);
            Callable<ProductsClient.Reply> call = () -> system.client().listPayments();
            List<ProductsClient.Reply> slow;
            try (ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT)) {
                slow = clients.invokeAll(Collections.nCopies(CONCURRENT, call)).stream()
                        .map(Future::resultNow)
                        .toList();
            }
            for (ProductsClient.Reply reply : slow) {
                assertThat(reply.toString(), reply.status(), is(504));
                assertThat(reply.toString(), reply.isProblem(), is(true));
                // Cut off by the read timeout, not answered when payments answered.
                assertThat(reply.toString(), reply.elapsed(), lessThan(DELAY));
            }
            ProductsClient.Reply cutOff = system.client().listPayments();
            assertThat(cutOff.toString(), cutOff.status(), is(503));
            assertThat(cutOff.toString(), cutOff.retryAfter().isPresent(), is(true));
            // The open breaker answers at once: it does not even wait the read timeout for payments.
            assertThat(cutOff.toString(), cutOff.elapsed(), lessThan(READ_TIMEOUT));
            assertThat(system.client().circuitState(), is(2));
            long threadsWhileOpen = threads(system.products().pid());
            long connectionsToStandIn = system.alb().frontend().number("scur");

            system.slowProxy().delay(Duration.ZERO);
            long healedAt = System.nanoTime();
            Duration closed = Poll.until(
                    "the breaker to close",
                    // Its delay (5 s) and one trial call; the rest is for a busy machine.
                    Duration.ofSeconds(30),
                    () -> system.client().listPayments().status() == 200
                            && system.client().circuitState() == 0);
            long threadsAfter = threads(system.products().pid());

            Figures.print(
                    "slow payments instance",
                    "504s=" + slow.size() + " slowest-504="
                            + slow.stream()
                                    .map(ProductsClient.Reply::elapsed)
                                    .max(Duration::compareTo)
                                    .orElseThrow()
                                    .toMillis()
                            + "ms"
                            + " open-circuit-answer=" + cutOff.elapsed().toMillis() + "ms retry-after="
                            + cutOff.retryAfter().orElse("-") + "s"
                            + " breaker-closed-after-healing="
                            + Duration.ofNanos(System.nanoTime() - healedAt).toMillis() + "ms"
                            + " products-threads before/open/after=" + threadsBefore + "/" + threadsWhileOpen + "/"
                            + threadsAfter
                            + " products-connections-to-stand-in=" + connectionsToStandIn
                            + " stand-in-connections-to-slow-target=" + connectionsToSlowTarget(system));
            // Timed-out calls neither leave threads behind nor keep connections open beyond the pool.
            assertThat(threadsAfter, lessThanOrEqualTo(threadsBefore + 8));
            assertThat(connectionsToStandIn, lessThanOrEqualTo((long) CONCURRENT + 1));
            assertThat(connectionsToSlowTarget(system), lessThanOrEqualTo(CONCURRENT + 2L));
        }
    }

    /** Connections the stand-in holds open to the slow instance, in use or idle for reuse. */
    private static long connectionsToSlowTarget(LocalSystem<?> system) {
        LocalAlb.Stat target = system.alb().target("payments-1");
        return target.number("used_conn_cur") + target.number("idle_conn_cur");
    }

    /** The process's thread count: its tasks, as the kernel lists them. */
    private static long threads(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.count();
        }
    }
}
