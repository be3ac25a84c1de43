package com.example.payments.api;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import com.example.payments.Main;
import com.example.payments.store.TestDatabases;
import com.example.support.ProblemType;
import com.example.support.testing.ProblemAssertions;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * payments while its database is away: 503 problems with Retry-After within the request budget,
 * readiness DOWN and liveness UP; and back to normal by itself when the database returns.
 */
class PaymentsDatabaseOutageIT {

    private static final String PAYMENTS = "/metaapi/1.0/payments";
    private static final String CREATE = "{\"amount\":\"3.50\",\"currency\":\"EUR\"}";

    @Test
    void answers503WhileTheDatabaseIsDownAndRecoversWithoutRestart(@TempDir Path dataDirectory) {
        TestDatabases.StoppableDatabase database = TestDatabases.stoppable(dataDirectory);
        WebServer server = Main.start(TestDatabases.config(database.settings(), Map.of()));
        WebClient http =
                WebClient.builder().baseUri("http://127.0.0.1:" + server.port()).build();
        try {
            String created = post(http, "before-outage")
                    .headers()
                    .location()
                    .orElseThrow()
                    .toString();

            database.stop();

            for (Supplier<ClientResponseTyped<String>> call : java.util.List.<Supplier<ClientResponseTyped<String>>>of(
                    () -> http.get(PAYMENTS).request(String.class),
                    () -> http.get(created).request(String.class),
                    () -> post(http, "during-outage"))) {
                long start = System.nanoTime();
                ClientResponseTyped<String> response = call.get();
                long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
                ProblemAssertions.assertProblem(response, ProblemType.LEDGER_UNAVAILABLE);
                assertThat(response.headers().first(HeaderNames.RETRY_AFTER).orElseThrow(), is("1"));
                // products reads for 2 s; payments must answer well before.
                assertThat(millis, lessThan(2000L));
            }
            assertThat(status(http, "/observe/health/ready"), is(503));
            assertThat(status(http, "/observe/health/live"), is(204));

            database.restart();

            assertThat(status(http, "/observe/health/ready"), is(204));
            assertThat(eventuallyOk(() -> http.get(created).request(String.class)), is(200));
            assertThat(post(http, "during-outage").status().code(), is(201));
        } finally {
            server.stop();
            database.close();
        }
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

    /** The pool drops connections broken by the restart as it meets them: a few calls at most. */
    private static int eventuallyOk(Supplier<ClientResponseTyped<String>> call) {
        int status = 0;
        for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
            status = call.get().status().code();
        }
        return status;
    }
}
