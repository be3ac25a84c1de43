package com.example.systemtests;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One ledger behind the load balancer: two payments instances sharing one PostgreSQL agree on every
 * idempotency key; when one is killed under load, no call through products fails and nothing
 * acknowledged is lost, whichever instance reads it back. Only here do
 * two tasks, each with its own pool, share the database: one key from many callers within one
 * instance is PaymentLedgerContract's. A database outage is PaymentsDatabaseOutageIT's (503,
 * readiness, recovery without a restart), and products' answer to payments' 503 is the gateway's tests'.
 */
class LedgerSystemIT {

    private static final String PAYMENTS = "/metaapi/1.0/payments";
    private static final AlbTemplate ALB = AlbTemplate.read();

    @Test
    void oneIdempotencyKeyFromManyClientsOnBothInstancesCreatesOnePayment() throws Exception {
        try (LocalSystem<ServiceProcess> system = LocalSystem.start("ledger-idempotency", LocalSystem.UNHURRIED)) {
            String alb = system.alb().baseUri();
            long[] before = served(system);
            int clients = 24;
            String key = "one-key-" + UUID.randomUUID();
            String description = "idempotency " + key;
            CountDownLatch start = new CountDownLatch(1);

            List<HttpResponse<String>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    // A client of its own each: its own connection, so the stand-in spreads them.
                    HttpClient client = newClient();
                    calls.add(pool.submit(() -> {
                        start.await();
                        return create(client, alb, key, description);
                    }));
                }
                start.countDown();
                for (Future<HttpResponse<String>> call : calls) {
                    answers.add(call.get());
                }
            }

            long[] after = served(system);
            Set<String> locations = ConcurrentHashMap.newKeySet();
            Map<String, Integer> replayed = new TreeMap<>();
            for (HttpResponse<String> answer : answers) {
                answer.headers().firstValue("Location").ifPresent(locations::add);
                replayed.merge(
                        answer.headers().firstValue("Idempotent-Replayed").orElse("-"), 1, Integer::sum);
            }
            String list = get(newClient(), alb + PAYMENTS + "?limit=100").body();
            int stored = list.split(description, -1).length - 1;
            Figures.print(
                    "(b) one Idempotency-Key from " + clients + " concurrent clients",
                    "Idempotent-Replayed=" + replayed + " distinct-locations=" + locations.size() + " stored="
                            + stored + " payments-1=" + (after[0] - before[0]) + " payments-2="
                            + (after[1] - before[1]));
            assertThat(answers.stream().map(HttpResponse::statusCode).toList(), everyItem(is(201)));
            assertThat(replayed, is(Map.of("false", 1, "true", clients - 1)));
            assertThat(locations, hasSize(1));
            assertThat(stored, is(1));
            assertThat(after[0] - before[0], greaterThan(0L));
            assertThat(after[1] - before[1], greaterThan(0L));
        }
    }

    @Test
    void failsNoCallThroughProductsAndLosesNoAcknowledgedPaymentWhenAnInstanceIsKilledUnderLoad() {
        try (LocalSystem<ServiceProcess> system = LocalSystem.start("kill-one", LocalSystem.UNHURRIED)) {
            String alb = system.alb().baseUri();
            long retriesBefore = system.client().retries();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Map<Integer, AtomicInteger> createStatuses = new ConcurrentHashMap<>();
            // Calls through products, and creates straight to the stand-in (which nothing retries). Both are
            // stopped once the stand-in's health checks took the dead target out and 100 more of each went to
            // the survivor alone; their own bounds are only against a hang.
            Load calls = Load.start(
                    4, 1_000_000, Duration.ofMinutes(10), () -> system.client().listPaymentsStatus());
            Load creates = Load.start(4, 1_000_000, Duration.ofMinutes(10), () -> {
                HttpResponse<String> answer = create(newClient(), alb, "sigkill-" + UUID.randomUUID(), "sigkill");
                createStatuses
                        .computeIfAbsent(answer.statusCode(), s -> new AtomicInteger())
                        .incrementAndGet();
                if (answer.statusCode() == 201) {
                    acknowledged.add(answer.headers().firstValue("Location").orElseThrow());
                }
                return answer.statusCode();
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
            HttpClient reader = newClient();
            long present = acknowledged.stream()
                    .filter(location -> get(reader, alb + location).statusCode() == 200)
                    .count();
            long[] after = served(system);

            Figures.print(
                    "one of two instances killed, calls through products",
                    callResult + " retries=" + retries + " stand-in-marked-it-down-after=" + markedDown.toMillis()
                            + "ms stand-in-redispatched="
                            + system.alb().target("payments-1").number("wredis"));
            Figures.print(
                    "(c) SIGKILL of payments-1 during creates, then both restarted",
                    createResult + " acknowledged=" + acknowledged.size() + " by-status="
                            + new TreeMap<>(createStatuses)
                            + " killed-after=" + createsAtKill + " healthy-again-after=" + healthy.toMillis()
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

    private static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static HttpResponse<String> create(HttpClient client, String alb, String key, String description) {
        return send(
                client,
                HttpRequest.newBuilder(URI.create(alb + PAYMENTS))
                        .header("Content-Type", "application/json")
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"amount\":\"42.00\",\"currency\":\"EUR\",\"description\":\"" + description
                                        + "\"}")));
    }

    private static HttpResponse<String> get(HttpClient client, String uri) {
        return send(client, HttpRequest.newBuilder(URI.create(uri)));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
