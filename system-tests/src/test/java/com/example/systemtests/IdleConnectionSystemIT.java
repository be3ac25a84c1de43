package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The load balancer closes keep-alive connections that stay idle past its idle timeout; products'
 * pool still holds them, and must not fail a request for it.
 */
class IdleConnectionSystemIT {

    /**
     * The ALB's is 60 s; the mechanism (the stand-in closes, products reuses) does not depend on the
     * value, so the test shortens it rather than idling for a minute.
     */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    private static final int POOLED = 8;

    @Test
    void servesEveryRequestAfterTheStandInClosedTheIdlePooledConnections() {
        try (LocalSystem<ServiceProcess> system =
                LocalSystem.start("idle", false, Optional.of(IDLE_TIMEOUT), LocalSystem.UNHURRIED)) {
            Load.Result warm = Load.run(POOLED, 200, () -> system.client().listPaymentsStatus());
            assertThat(warm.toString(), warm.failed(), is(0));
            assertThat(system.alb().frontend().number("scur"), greaterThan(0L));

            Duration closed = Poll.until(
                    "the stand-in to close products' idle connections",
                    // HAProxy closes them on its own timer; the slack is for a busy machine.
                    IDLE_TIMEOUT.plusSeconds(30),
                    () -> system.alb().frontend().number("scur") == 0);
            long retriesBefore = system.client().retries();
            long connectionsBefore = system.alb().frontend().number("conn_tot");

            Load.Result afterIdle = Load.run(POOLED, 400, () -> system.client().listPaymentsStatus());

            long retries = system.client().retries() - retriesBefore;
            Figures.print(
                    "idle connections closed by the stand-in",
                    afterIdle + " closed-after=" + closed.toMillis() + "ms retries=" + retries + " new-connections="
                            + (system.alb().frontend().number("conn_tot") - connectionsBefore));
            assertThat(afterIdle.toString(), afterIdle.failed(), is(0));
            assertThat(afterIdle.requests(), is(400));
        }
    }
}
