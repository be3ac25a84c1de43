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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * payment and every idempotency key, and lose nothing acknowledged when one is killed. A database
 * outage is PaymentsDatabaseOutageIT's (503, readiness, recovery without a restart), and products'
 * answer to payments' 503 is the gateway's tests'.
 */
class LedgerSystemIT {

    private static final String PAYMENTS = "/metaapi/1.0/payments";

    @Test
    void everyReadThroughTheLoadBalancerFindsEachCreatedPayment() {
        try (LocalSystem<ServiceProcess> system = LocalSystem.start("ledger-reads", LocalSystem.UNHURRIED)) {
            String alb = system.alb().baseUri();
            long[] before = served(system);
            int payments = 30;
            int readsEach = 4;
            List<String> locations = new ArrayList<>();
            for (int i = 0; i < payments; i++) {
                Answer created = create(newClient(), alb, "reads-" + UUID.randomUUID(), "reads");
                assertThat(created.toString(), created.status(), is(201));
                locations.add(created.location().orElseThrow());
            }

            int found = 0;
            HttpClient reader = newClient();
            for (String location : locations) {
                for (int i = 0; i < readsEach; i++) {
                    found += get(reader, alb + location).status() == 200 ? 1 : 0;
                }
            }

            long[] after = served(system);
            long byFirst = after[0] - before[0];
            long bySecond = after[1] - before[1];
            Figures.print(
                    "(a) reads through the stand-in",
                    "created=" + payments + " reads=" + payments * readsEach + " found=" + found + " payments-1="
                            + byFirst + " payments-2=" + bySecond + " (2xx answers)");
            assertThat(found, is(payments * readsEach));
            assertThat(byFirst, greaterThan(0L));
            assertThat(bySecond, greaterThan(0L));
        }
    }

    @Test
    void oneIdempotencyKeyFromManyClientsOnBothInstancesCreatesOnePayment() throws Exception {
        try (LocalSystem<ServiceProcess> system = LocalSystem.start("ledger-idempotency", LocalSystem.UNHURRIED)) {
            String alb = system.alb().baseUri();
            long[] before = served(system);
            int clients = 24;
            String key = "one-key-" + UUID.randomUUID();
            String description = "idempotency " + key;
            CountDownLatch start = new CountDownLatch(1);

            List<Answer> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<Answer>> calls = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    // A client of its own each: its own connection, so the stand-in spreads them.
                    HttpClient client = newClient();
                    calls.add(pool.submit(() -> {
                        start.await();
                        return create(client, alb, key, description);
                    }));
                }
                start.countDown();
                for (Future<Answer> call : calls) {
                    answers.add(call.get());
                }
            }

            long[] after = served(system);
            Set<String> locations = new HashSet<>();
            answers.forEach(answer -> answer.location().ifPresent(locations::add));
            long created = answers.stream()
                    .filter(a -> a.replayed().equals(Optional.of("false")))
                    .count();
            long replayed = answers.stream()
                    .filter(a -> a.replayed().equals(Optional.of("true")))
                    .count();
            String list = get(newClient(), alb + PAYMENTS + "?limit=100").body();
            int stored = list.split(description, -1).length - 1;
            Figures.print(
                    "(b) one Idempotency-Key from " + clients + " concurrent clients",
                    "201s=" + answers.stream().filter(a -> a.status() == 201).count() + " created=" + created
                            + " replayed=" + replayed + " distinct-locations=" + locations.size() + " stored=" + stored
                            + " payments-1=" + (after[0] - before[0]) + " payments-2=" + (after[1] - before[1]));
            assertThat(answers.stream().map(Answer::status).toList(), everyItem(is(201)));
            assertThat(created, is(1L));
            assertThat(replayed, is((long) clients - 1));
            assertThat(locations, hasSize(1));
            assertThat(stored, is(1));
            assertThat(after[0] - before[0], greaterThan(0L));
            assertThat(after[1] - before[1], greaterThan(0L));
        }
    }

    @Test
    void everyAcknowledgedPaymentSurvivesSigkillAndRestartOfBothInstances() {
        try (LocalSystem<ServiceProcess> system = LocalSystem.start("ledger-sigkill", LocalSystem.UNHURRIED)) {
            String alb = system.alb().baseUri();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            // Stopped after 100 creates past the kill; its own bounds are only against a hang.
            Load load = Load.start(4, 2_000, Duration.ofMinutes(5), () -> {
                HttpClient client = newClient();
                Answer answer = create(client, alb, "sigkill-" + UUID.randomUUID(), "sigkill");
                statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger())
                        .incrementAndGet();
                if (answer.status() == 201) {
                    acknowledged.add(answer.location().orElseThrow());
                }
                return answer.status();
            });
            Poll.until("creates to be under way", Duration.ofSeconds(60), () -> load.completed() >= 50);
            system.payments(0).kill();
            int atKill = load.completed();
            Poll.until(
                    "creates to go on after the kill", Duration.ofSeconds(120), () -> load.completed() >= atKill + 100);
            load.stop();
            Load.Result result = load.await(Duration.ofSeconds(30));

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
            HttpClient reader = newClient();
            long present = acknowledged.stream()
                    .filter(location -> get(reader, alb + location).status() == 200)
                    .count();

            Figures.print(
                    "(c) SIGKILL of payments-1 during creates, then both restarted",
                    result + " acknowledged=" + acknowledged.size() + " by-status=" + new TreeMap<>(statuses)
                            + " killed-after=" + atKill + " healthy-again-after=" + healthy.toMillis() + "ms present="
                            + present);
            assertThat(acknowledged.size(), greaterThan(100));
            assertThat(present, is((long) acknowledged.size()));
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

    private static Answer create(HttpClient client, String alb, String key, String description) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(alb + PAYMENTS))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"amount\":\"42.00\",\"currency\":\"EUR\",\"description\":\"" + description + "\"}"))
                .build();
        return send(client, request);
    }

    private static Answer get(HttpClient client, String uri) {
        return send(
                client,
                HttpRequest.newBuilder(URI.create(uri))
                        .timeout(Duration.ofSeconds(10))
                        .build());
    }

    private static Answer send(HttpClient client, HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Location"),
                    response.headers().firstValue("Idempotent-Replayed"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer from payments (through the stand-in). */
    private record Answer(int status, String body, Optional<String> location, Optional<String> replayed) {}
}
