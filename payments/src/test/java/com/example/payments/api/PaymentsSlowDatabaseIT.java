package com.example.payments.api;

import static com.example.support.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.example.payments.Main;
import com.example.payments.store.DatabaseSettings;
import com.example.payments.store.TestDatabases;
import com.example.support.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * payments over HTTP while its database is slow rather than gone: statements wait on a table lock
 * that a test connection holds, as they would behind a long migration or a runaway query. A statement
 * past {@code statement_timeout} is answered 503 and the next one after the lock succeeds; a pool that
 * slow statements hold entirely answers every further request 503 within the connection timeout, none
 * hangs and none is a 500.
 */
class PaymentsSlowDatabaseIT {

    private static final String PAYMENTS = "/metaapi/1.0/payments";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    /** Slack for a busy 2-core machine on top of a timeout; still far from a hang. */
    private static final Duration SLACK = Duration.ofSeconds(1);

    private WebServer server;
    private Connection lock;

    @AfterEach
    void release() throws SQLException {
        if (lock != null) {
            lock.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void answers503ForAStatementPastTheStatementTimeoutThenRecovers() throws Exception {
        Duration statementTimeout = Duration.ofSeconds(1);
        DatabaseSettings database = TestDatabases.fresh();
        WebClient http = start(database, 4, statementTimeout);
        lockPayments(database);

        Timed slow = timed(() -> http.get(PAYMENTS).request(String.class));
        lock.rollback();
        Timed after = timed(() -> http.get(PAYMENTS).request(String.class));

        assertProblem(slow.response(), ProblemType.LEDGER_UNAVAILABLE);
        assertThat(slow.response().headers().first(HeaderNames.RETRY_AFTER).orElseThrow(), is("1"));
        assertThat(slow.took(), lessThan(statementTimeout.plus(SLACK)));
        assertThat(after.response().status().code(), is(200));
        System.out.println("[figures] statement past statement_timeout (" + statementTimeout + "): 503 after "
                + slow.took().toMillis() + " ms; the next request 200 after "
                + after.took().toMillis() + " ms");
    }

    @Test
    void answersEveryRequest503WithinTheConnectTimeoutWhileSlowStatementsHoldThePool() throws Exception {
        int poolSize = 2;
        // The slow statements outlast the connection timeout several times over, so that the pool stays
        // exhausted while the other requests wait for it.
        Duration statementTimeout = Duration.ofSeconds(5);
        DatabaseSettings database = TestDatabases.fresh();
        WebClient http = start(database, poolSize, statementTimeout);
        lockPayments(database);

        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Timed>> holders = new ArrayList<>();
            for (int i = 0; i < poolSize; i++) {
                holders.add(clients.submit(() -> timed(() -> http.get(PAYMENTS).request(String.class))));
            }
            Thread.sleep(300); // the holders' statements are waiting on the lock, each with a connection
            List<Future<Timed>> waiting = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                waiting.add(clients.submit(() -> timed(() -> http.get(PAYMENTS).request(String.class))));
            }
            List<Timed> refused = new ArrayList<>();
            for (Future<Timed> call : waiting) {
                refused.add(call.get());
            }
            lock.rollback();
            List<Timed> held = new ArrayList<>();
            for (Future<Timed> call : holders) {
                held.add(call.get());
            }

            for (Timed call : refused) {
                assertProblem(call.response(), ProblemType.LEDGER_UNAVAILABLE);
            }
            assertThat(refused.stream().map(Timed::took).toList(), everyItem(lessThan(CONNECT_TIMEOUT.plus(SLACK))));
            assertThat(
                    held.stream().map(call -> call.response().status().code()).toList(), everyItem(is(200)));
            assertThat(http.get(PAYMENTS).request(String.class).status().code(), is(200));
            System.out.println("[figures] pool of " + poolSize + " held by slow statements: " + refused.size()
                    + " requests answered 503 in " + range(refused) + " (connect timeout " + CONNECT_TIMEOUT
                    + "); the " + poolSize + " slow ones 200 after the lock, in " + range(held));
        }
    }

    private WebClient start(DatabaseSettings database, int poolSize, Duration statementTimeout) {
        server = Main.start(TestDatabases.config(
                database,
                Map.of(
                        "payments.db.pool.size", String.valueOf(poolSize),
                        "payments.db.connect.timeout", CONNECT_TIMEOUT.toString(),
                        "payments.db.statement.timeout", statementTimeout.toString())));
        return WebClient.builder()
                .baseUri("http://127.0.0.1:" + server.port())
                .readTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** Holds a lock that every statement of the ledger waits for, until {@code lock.rollback()}. */
    private void lockPayments(DatabaseSettings database) throws SQLException {
        lock = database.unpooled(Duration.ofSeconds(10)).getConnection();
        lock.setAutoCommit(false);
        try (Statement statement = lock.createStatement()) {
            statement.execute("LOCK TABLE payment IN ACCESS EXCLUSIVE MODE");
        }
    }

    private record Timed(ClientResponseTyped<String> response, Duration took) {}

    private static Timed timed(java.util.function.Supplier<ClientResponseTyped<String>> call) {
        long start = System.nanoTime();
        ClientResponseTyped<String> response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private static String range(List<Timed> calls) {
        var millis = calls.stream().mapToLong(call -> call.took().toMillis()).summaryStatistics();
        return millis.getMin() + "-" + millis.getMax() + " ms";
    }
}
