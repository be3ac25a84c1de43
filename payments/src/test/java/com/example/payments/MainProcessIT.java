package com.example.payments;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import com.example.payments.store.DatabaseSettings;
import com.example.payments.store.LedgerDatabase;
import com.example.payments.store.TestDatabases;
import com.example.support.testing.ExternalProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * payments as a process, started as ECS starts it, with database settings that cannot work: it
 * exits at once with one line naming the variable to fix, not a stack trace; and as the deploy's
 * one-off migration task, which migrates and exits. Each message is {@code DatabaseSettingsTest}'s
 * (settings) or {@code LedgerDatabaseIT}'s (a database that cannot be used).
 */
class MainProcessIT {

    @Test
    void exitsWithOneLineNamingTheMissingUrl() throws Exception {
        ExternalProcess.Finished result = run(Map.of("PAYMENTS_DB_USER", "payments"));
        List<String> failureLines = result.output()
                .lines()
                .filter(line -> line.contains("payments cannot start"))
                .toList();

        assertThat(result.exitCode(), is(1));
        assertThat(failureLines, hasSize(1));
        assertThat(failureLines.getFirst(), containsString("PAYMENTS_DB_URL (payments.db.url) is not set"));
        assertThat(result.output(), not(containsString("\tat ")));
    }

    @Test
    void migrateOnlyMigratesTheDatabaseAndExits() throws Exception {
        DatabaseSettings database = TestDatabases.fresh();
        Map<String, String> environment = Map.of(
                "PAYMENTS_DB_URL", database.url(),
                "PAYMENTS_DB_USER", database.user(),
                "PAYMENTS_DB_MIGRATE", "migrate-only");

        ExternalProcess.Finished result = run(environment);

        assertThat(result.output(), result.exitCode(), is(0));
        assertThat(result.output(), containsString("payments migrated its database: 1 migrations applied"));
        assertDoesNotThrow(() -> LedgerDatabase.validate(database));
    }

    private static ExternalProcess.Finished run(Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName());
        builder.environment().keySet().removeIf(name -> name.startsWith("PAYMENTS_"));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", "0");
        return ExternalProcess.run(Duration.ofSeconds(60), builder);
    }
}
