package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Products answers through the stand-in, which spreads the calls over both payments instances, over
 * a few pooled connections; when the load balancer closes them for being idle past its idle timeout,
 * products' pool still holds them, and must not fail a request for it.
 */
class HappyPathSystemIT {

    /**
     * The ALB's is 60 s; the mechanism (the stand-in closes, products reuses) does not depend on the
     * value, so the test shortens it rather than idling for a minute.
     */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    private static final int CLIENTS = 4;

    @Test
    void spreadsCallsOverPooledConnectionsAndServesEveryCallAfterTheStandInClosedThemIdle() {
        try (LocalSystem<ServiceProcess> system =
                LocalSystem.start("happy-path", false, Optional.of(IDLE_TIMEOUT), LocalSystem.UNHURRIED)) {
            long before1 = system.alb().target("payments-1").number("hrsp_2xx");
            long before2 = system.alb().target("payments-2").number("hrsp_2xx");
            long connectionsBefore = system.alb().frontend().number("conn_tot");

            Load.Result result = Load.run(CLIENTS, 400, () -> system.client().listPaymentsStatus());

            long toFirst = system.alb().target("payments-1").number("hrsp_2xx") - before1;
            long toSecond = system.alb().target("payments-2").number("hrsp_2xx") - before2;
            long newConnections = system.alb().frontend().number("conn_tot") - connectionsBefore;
            Figures.print(
                    "happy path",
                    result + " payments-1=" + toFirst + " payments-2=" + toSecond + " new-connections-to-stand-in="
                            + newConnections);
            assertThat(result.toString(), result.failed(), is(0));
            assertThat(result.requests(), is(400));
            // Round robin: each instance gets about half; allow for health checks and timing.
            assertThat(toFirst, greaterThan(150L));
            assertThat(toSecond, greaterThan(150L));
            // Products pools its connections to the stand-in: at most one per concurrent call.
            assertThat(newConnections, lessThanOrEqualTo((long) CLIENTS));
            assertThat(system.alb().frontend().number("scur"), greaterThan(0L));

            Duration closed = Poll.until(
                    "the stand-in to close products' idle connections",
                    // HAProxy closes them on its own timer; the slack is for a busy machine.
                    IDLE_TIMEOUT.plusSeconds(30),
                    () -> system.alb().frontend().number("scur") == 0);
            long retriesBefore = system.client().retries();
            long connectionsBeforeIdle = system.alb().frontend().number("conn_tot");

            Load.Result afterIdle = Load.run(CLIENTS, 400, () -> system.client().listPaymentsStatus());

            Figures.print(
                    "idle connections closed by the stand-in",
                    afterIdle + " closed-after=" + closed.toMillis() + "ms retries="
                            + (system.client().retries() - retriesBefore) + " new-connections="
                            + (system.alb().frontend().number("conn_tot") - connectionsBeforeIdle));
            assertThat(afterIdle.toString(), afterIdle.failed(), is(0));
            assertThat(afterIdle.requests(), is(400));
        }
    }
}
