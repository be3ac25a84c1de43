package com.example.payments.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Setting the database up: migrations racing, and what an operator reads when the settings are
 * wrong. The database going away and coming back is {@code PaymentsDatabaseOutageIT}'s, over HTTP.
 */
class LedgerDatabaseIT {

    @Test
    void instancesMigratingAtOnceApplyEachMigrationOnce() throws Exception {
        DatabaseSettings settings = TestDatabases.fresh();
        int instances = 4;
        CyclicBarrier together = new CyclicBarrier(instances);
        List<Callable<Integer>> starts = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            starts.add(() -> {
                together.await();
                return LedgerDatabase.migrate(settings);
            });
        }

        List<Integer> applied = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(instances)) {
            for (Future<Integer> result : pool.invokeAll(starts)) {
                applied.add(result.get());
            }
        }

        System.out.println("migrations applied by each of " + instances + " instances starting at once: " + applied);
        assertThat(applied.stream().mapToInt(Integer::intValue).sum(), is(1));
        assertThat(
                TestDatabases.column(
                        settings,
                        "SELECT count(*) || ' ' || bool_and(success) FROM flyway_schema_history"
                                + " WHERE version IS NOT NULL"),
                is(List.of("1 true")));
        assertThat(TestDatabases.column(settings, "SELECT count(*) FROM payment"), is(List.of("0")));
    }

    @Test
    void unknownDatabaseNamesTheUrlVariableInOneLine() {
        DatabaseSettings fresh = TestDatabases.fresh();
        DatabaseSettings missing = new DatabaseSettings(
                fresh.url().replaceFirst("/[^/]+$", "/no_such_database"),
                fresh.user(),
                "",
                1,
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));

        DatabaseSetupException e = assertThrows(DatabaseSetupException.class, () -> LedgerDatabase.open(missing));

        assertThat(e.getMessage(), containsString("PAYMENTS_DB_URL"));
        assertThat(e.getMessage(), containsString("no_such_database"));
        assertThat(e.getMessage(), not(containsString("\n")));
    }
}
