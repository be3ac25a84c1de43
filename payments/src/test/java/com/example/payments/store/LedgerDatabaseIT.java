package com.example.payments.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.payments.domain.NewPayment;
import com.example.payments.domain.PaymentLedger;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
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
        Callable<Integer> start = () -> LedgerDatabase.migrate(settings);

        List<Integer> applied = AtOnce.run(instances, Collections.nCopies(instances, start));

        System.out.println("migrations applied by each of " + instances + " instances starting at once: " + applied);
        assertThat(applied.stream().mapToInt(Integer::intValue).sum(), is(1));
        assertThat(
                TestDatabases.sql(
                        settings,
                        "SELECT count(*) || ' ' || bool_and(success) FROM flyway_schema_history"
                                + " WHERE version IS NOT NULL"),
                is(List.of("1 true")));
        assertThat(TestDatabases.sql(settings, "SELECT count(*) FROM payment"), is(List.of("0")));
    }

    @Test
    void unknownDatabaseNamesTheUrlVariableInOneLine() {
        DatabaseSettings missing =
                TestDatabases.settings(TestDatabases.fresh().url().replaceFirst("/[^/]+$", "/no_such_database"));

        DatabaseSetupException e = assertThrows(DatabaseSetupException.class, () -> LedgerDatabase.open(missing));

        assertThat(e.getMessage(), containsString("PAYMENTS_DB_URL"));
        assertThat(e.getMessage(), containsString("no_such_database"));
        assertThat(e.getMessage(), not(containsString("\n")));
    }

    @Test
    void validatingRefusesAnUnmigratedDatabaseSayingHowToMigrateIt() {
        DatabaseSettings fresh = TestDatabases.fresh();

        DatabaseSetupException e =
                assertThrows(DatabaseSetupException.class, () -> LedgerDatabase.open(fresh, SchemaStep.VALIDATE));

        assertThat(
                e.getMessage(), containsString("schema is at version 0, this payments needs " + LedgerSchema.VERSION));
        assertThat(e.getMessage(), containsString("PAYMENTS_DB_MIGRATE=migrate-only"));
        assertThat(e.getMessage(), not(containsString("\n")));
    }

    @Test
    void validatingAMigratedDatabaseChangesNothingAndServes() {
        DatabaseSettings settings = TestDatabases.fresh();
        LedgerDatabase.migrate(settings);
        String history = "SELECT count(*) || ' ' || max(installed_rank) FROM flyway_schema_history";
        List<String> before = TestDatabases.sql(settings, history);

        try (LedgerDatabase database = LedgerDatabase.open(settings, SchemaStep.VALIDATE)) {
            PaymentLedger ledger = new PostgresPaymentLedger(database.dataSource(), Clock.systemUTC());
            assertThat(
                    ledger.create("validated", NewPayment.validate("1.00", "EUR", null))
                            .replayed(),
                    is(false));
        }

        assertThat(TestDatabases.sql(settings, history), is(before));
    }

    @Test
    void validatingAcceptsANewerSchemaThanThisBuildNeeds() {
        DatabaseSettings settings = TestDatabases.fresh();
        LedgerDatabase.migrate(settings);
        // As a deploy that is rolling out leaves it: its one-off task applied the next version already.
        TestDatabases.sql(
                settings,
                "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                        + " installed_by, execution_time, success) SELECT max(installed_rank) + 1, '"
                        + (LedgerSchema.VERSION + 1) + "', 'next', 'SQL', 'V" + (LedgerSchema.VERSION + 1)
                        + "__next.sql', 'test', 0, true FROM flyway_schema_history");

        assertDoesNotThrow(() -> LedgerDatabase.validate(settings));
    }
}
