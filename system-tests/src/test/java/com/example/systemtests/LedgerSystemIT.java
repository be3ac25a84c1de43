package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * One ledger behind the load balancer: when one of two payments instances sharing one PostgreSQL is
 * killed under load, no call through products fails and nothing acknowledged is lost, whichever
 * instance reads it back. One key from many callers at once is PostgresPaymentLedgerIT's (the
 * database sees sessions, not instances: payments keeps no state of its own about keys). A database
 * outage is PaymentsDatabaseOutageIT's, and products' answer to payments' 503 is the gateway's tests'.
 */
class LedgerSystemIT {

    private static final String PAYMENTS = "/metaapi/1.0/payments";
    private static final AlbTemplate ALB = AlbTemplate.read();
    private static final WebClient HTTP = WebClient.builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(10))
            .build();

    @Test
    void failsNoCallThroughProductsAndLosesNoAcknowledgedPaymentWhenAnInstanceIsKilledUnderLoad() {
        try (LocalSystem<ServiceProcess> system = LocalSystem.start("kill-one", LocalSystem.UNHURRIED)) {
            String alb = system.alb().baseUri();
            long retriesBefore = system.client().retries();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            // Calls through products, and creates straight to the stand-in (which nothing retries). Both are
            // stopped once the stand-in's health checks took the dead target out and 100 more of each went to
            // the survivor alone; their own bounds are only against a hang.
            Load calls = Load.start(
                    4, 1_000_000, Duration.ofMinutes(10), () -> system.client().listPaymentsStatus());
            Load creates = Load.start(4, 1_000_000, Duration.ofMinutes(10), () -> {
                ClientResponseTyped<String> answer = create(alb, "sigkill-" + UUID.randomUUID());
                if (answer.status().code() == 201) {
                    acknowledged.add(
                            answer.headers().first(HeaderNames.LOCATION).orElseThrow());
                }
                return answer.status().code();
            });
            Poll.until(
                    "load to be under way",
                    Duration.ofSeconds(60),
                    () -> calls.completed() >= 200 && creates.completed() >= 50);

            system.payments(0).kill();
            int createsAtKill = creates.completed();
            Duration window = ALB.healthCheckInterval()
                    .multipliedBy(ALB.unhealthyThreshold())
                    .plus(ALB.healthCheckTimeout());
            Duration markedDown = Poll.until(
                    "the stand-in to mark payments-1 DOWN",
                    window.plusSeconds(30),
                    () -> system.alb().target("payments-1").text("status").startsWith("DOWN"));
            int callsAtDown = calls.completed();
            int createsAtDown = creates.completed();
            Poll.until(
                    "100 more calls and creates on the survivor alone",
                    Duration.ofSeconds(120),
                    () -> calls.completed() >= callsAtDown + 100 && creates.completed() >= createsAtDown + 100);
            calls.stop();
            creates.stop();
            // Each client finishes its current call: at most products' read timeout (UNHURRIED).
            Load.Result callResult = calls.await(Duration.ofSeconds(30));
            Load.Result createResult = creates.await(Duration.ofSeconds(30));
            long retries = system.client().retries() - retriesBefore;

            // Both instances restarted: whatever was acknowledged must come from the database.
            system.payments(1).terminate();
            system.payments(1).awaitExit(Duration.ofSeconds(30));
            for (ServiceProcess instance : system.payments()) {
                instance.restart();
                instance.awaitReady(LocalSystem.START_TIMEOUT);
            }
            Duration healthy = Poll.until(
                    "both targets to be healthy in the stand-in",
                    Duration.ofSeconds(90),
                    () -> system.alb().target("payments-1").up()
                            && system.alb().target("payments-2").up());
            // Read through the stand-in: round robin, so each instance reads about half of them.
            long[] before = served(system);
            long present = acknowledged.stream()
                    .filter(location -> HTTP.get(alb + location)
                                    .request(String.class)
                                    .status()
                                    .code()
                            == 200)
                    .count();
            long[] after = served(system);

            Figures.print(
                    "one of two instances killed, calls through products",
                    callResult + " retries=" + retries + " stand-in-marked-it-down-after=" + markedDown.toMillis()
                            + "ms stand-in-redispatched="
                            + system.alb().target("payments-1").number("wredis"));
            Figures.print(
                    "(c) SIGKILL of payments-1 during creates, then both restarted",
                    createResult + " acknowledged=" + acknowledged.size() + " killed-after=" + createsAtKill
                            + " healthy-again-after=" + healthy.toMillis()
                            + "ms present=" + present + " read-by payments-1=" + (after[0] - before[0])
                            + " payments-2=" + (after[1] - before[1]));
            assertThat(callResult.toString(), callResult.failed(), is(0));
            // Enough calls to span the kill and the failover (their number depends on the machine's speed).
            assertThat(callResult.requests(), greaterThan(100));
            assertThat(acknowledged.size(), greaterThan(100));
            assertThat(present, is((long) acknowledged.size()));
            assertThat(after[0] - before[0], greaterThan(0L));
            assertThat(after[1] - before[1], greaterThan(0L));
        }
    }

    private static long[] served(LocalSystem<?> system) {
        return new long[] {
            system.alb().target("payments-1").number("hrsp_2xx"),
            system.alb().target("payments-2").number("hrsp_2xx")
        };
    }

    private static ClientResponseTyped<String> create(String alb, String key) {
        return HTTP.post(alb + PAYMENTS)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.create("Idempotency-Key"), key)
                .submit("{\"amount\":\"42.00\",\"currency\":\"EUR\",\"description\":\"sigkill\"}", String.class);
    }
}
