package com.example.payments.api;

import static com.example.support.testing.ProblemAssertions.assertProblem;
import static org.hamcrest.MatcherAssert.assertThat;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * payments over HTTP while its database is slow rather than gone: statements wait on a table lock
 * that a test connection holds, as they would behind a long migration or a runaway query. A statement
 * past {@code statement_timeout} is answered 503 and the next one after the lock succeeds. A pool
 * that slow statements hold entirely is {@code PostgresPaymentLedgerIT}'s (the ledger is unavailable
 * within the connection timeout), and unavailability as 503 is this test's and the outage test's.
 */
class PaymentsSlowDatabaseIT {

    private static final String PAYMENTS = "/metaapi/1.0/payments";
    /** Slack for a busy 2-core machine on top of a timeout; still far from a hang. */
    private static final Duration SLACK = Duration.ofSeconds(1);

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

            assertProblem(slow.response(), ProblemType.LEDGER_UNAVAILABLE);
            assertThat(slow.response().headers().first(HeaderNames.RETRY_AFTER).orElseThrow(), is("1"));
            assertThat(slow.took(), lessThan(statementTimeout.plus(SLACK)));
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
}
