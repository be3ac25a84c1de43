package com.example.payments.api;

import static com.example.support.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.example.localdb.LocalDatabase;
import com.example.payments.Main;
import com.example.payments.store.DatabaseSettings;
import com.example.payments.store.TestDatabases;
import com.example.support.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * payments while its database is away or slow: 503 problems with Retry-After within the request
 * budget, readiness DOWN and liveness UP; and back to normal by itself when the database returns. A
 * pool that slow statements hold entirely is {@code PostgresPaymentLedgerIT}'s (the ledger is
 * unavailable within the connection timeout).
 */
class PaymentsDatabaseOutageIT {

    private static final String PAYMENTS = "/metaapi/1.0/payments";
    private static final String CREATE = "{\"amount\":\"3.50\",\"currency\":\"EUR\"}";

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWithoutRestart(@TempDir Path dataDirectory) {
        // A server of the test's own, which it stops and starts again on the same data and port, as when RDS
        // fails over: open transactions are rolled back and connections broken, every row is kept.
        LocalDatabase database = LocalDatabase.start(dataDirectory, 0);
        WebServer server =
                Main.start(TestDatabases.config(TestDatabases.settings(database.createDatabase("payments")), Map.of()));
        WebClient http =
                WebClient.builder().baseUri("http://127.0.0.1:" + server.port()).build();
        try {
            String created = post(http, "before-outage")
                    .headers()
                    .location()
                    .orElseThrow()
                    .toString();

            database.close();

            for (Supplier<ClientResponseTyped<String>> call : List.<Supplier<ClientResponseTyped<String>>>of(
                    () -> http.get(PAYMENTS).request(String.class),
                    () -> http.get(created).request(String.class),
                    () -> post(http, "during-outage"))) {
                // payments answers 503 itself after at most the 1 s connect timeout, never hangs (a client
                // would wait 10 s); the bound leaves room for a machine whose CPUs are heavily shared.
                assertUnavailableWithin(Duration.ofSeconds(5), timed(call));
            }
            assertThat(status(http, "/observe/health/ready"), is(503));
            assertThat(status(http, "/observe/health/live"), is(204));

            database = LocalDatabase.start(dataDirectory, database.port());

            assertThat(status(http, "/observe/health/ready"), is(204));
            assertThat(status(http, "/observe/health"), is(204));
            okAfterRestart(() -> http.get(created).request(String.class));
            assertThat(post(http, "during-outage").status().code(), is(201));
        } finally {
            server.stop();
            database.close();
        }
    }

    /**
     * The database slow rather than gone: statements wait on a table lock that a test connection
     * holds, as they would behind a long migration or a runaway query.
     */
    @Test
    void answers503ForAStatementPastTheStatementTimeoutThenRecovers() throws Exception {
        Duration statementTimeout = Duration.ofSeconds(1);
        DatabaseSettings database = TestDatabases.fresh();
        WebServer server = Main.start(TestDatabases.config(
                database,
                Map.of("payments.db.pool.size", "4", "payments.db.statement.timeout", statementTimeout.toString())));
        WebClient http = WebClient.builder()
                .baseUri("http://127.0.0.1:" + server.port())
                .readTimeout(Duration.ofSeconds(20))
                .build();
        try (Connection lock = database.unpooled(Duration.ofSeconds(10)).getConnection()) {
            // Holds a lock that every statement of the ledger waits for, until the rollback.
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE payment IN ACCESS EXCLUSIVE MODE");
            }

            Timed slow = timed(() -> http.get(PAYMENTS).request(String.class));
            lock.rollback();
            Timed after = timed(() -> http.get(PAYMENTS).request(String.class));

            // Slack for a busy 2-core machine on top of the timeout; still far from a hang.
            assertUnavailableWithin(statementTimeout.plusSeconds(1), slow);
            assertThat(after.response().status().code(), is(200));
            System.out.println("[figures] statement past statement_timeout (" + statementTimeout + "): 503 after "
                    + slow.took().toMillis() + " ms; the next request 200 after "
                    + after.took().toMillis() + " ms");
        } finally {
            server.stop();
        }
    }

    private record Timed(ClientResponseTyped<String> response, Duration took) {}

    private static Timed timed(Supplier<ClientResponseTyped<String>> call) {
        long start = System.nanoTime();
        ClientResponseTyped<String> response = call.get();
        return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void assertUnavailableWithin(Duration bound, Timed call) {
        assertProblem(call.response(), ProblemType.LEDGER_UNAVAILABLE);
        assertThat(call.response().headers().first(HeaderNames.RETRY_AFTER).orElseThrow(), is("1"));
        assertThat(call.took(), lessThan(bound));
    }

    private static ClientResponseTyped<String> post(WebClient http, String key) {
        return http.post(PAYMENTS)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.create("Idempotency-Key"), key)
                .submit(CREATE, String.class);
    }

    private static int status(WebClient http, String path) {
        return http.get(path).request(String.class).status().code();
    }

    /**
     * The pool drops each connection the restart broke as a call meets it: at most one failed call
     * per pooled connection ({@code payments.db.pool.size}, 10), each one counted and reported.
     */
    private static void okAfterRestart(Supplier<ClientResponseTyped<String>> call) {
        List<Integer> failed = new ArrayList<>();
        int status;
        while ((status = call.get().status().code()) != 200 && failed.size() < 10) {
            failed.add(status);
        }
        System.out.println("database back: " + failed.size() + " call(s) failed before the first 200: " + failed);
        assertThat("the calls that failed after the database returned: " + failed, status, is(200));
    }
}
