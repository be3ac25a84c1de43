package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import org.junit.jupiter.api.Test;

/**
 * Products answers through the stand-in, which spreads the calls over both payments instances and
 * keeps reusing a few connections.
 */
class HappyPathSystemIT {

    @Test
    void spreadsCallsAcrossBothInstancesOverPooledConnections() {
        try (LocalSystem<ServiceProcess> system = LocalSystem.start("happy-path", LocalSystem.UNHURRIED)) {
            LocalAlb.Stat before1 = system.alb().target("payments-1");
            LocalAlb.Stat before2 = system.alb().target("payments-2");
            long connectionsBefore = system.alb().frontend().number("conn_tot");

            Load.Result result = Load.run(4, 400, () -> system.client().listPaymentsStatus());

            long toFirst = system.alb().target("payments-1").number("hrsp_2xx") - before1.number("hrsp_2xx");
            long toSecond = system.alb().target("payments-2").number("hrsp_2xx") - before2.number("hrsp_2xx");
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
            assertThat(newConnections, lessThanOrEqualTo(4L));
        }
    }
}
