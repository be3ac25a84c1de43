package com.example.payments.store;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.support.testing.TestEnvironment;
import io.helidon.config.Config;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseSettingsTest {

    private static final String URL = "jdbc:postgresql://db.internal:5432/payments";
    private static final Map<String, String> VALID = Map.of(
            "PAYMENTS_DB_URL", URL,
            "PAYMENTS_DB_USER", "payments",
            "PAYMENTS_DB_PASSWORD", "s3cret");
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    @Test
    void readsTheVariablesEcsSetsWithTheDefaultsOfApplicationYaml() {
        DatabaseSettings settings = DatabaseSettings.from(config(VALID));

        assertThat(settings, is(new DatabaseSettings(URL, "payments", "s3cret", 10, ONE_SECOND, ONE_SECOND)));
        assertThat("the password, which toString leaves out", settings.password(), is("s3cret"));
    }

    @Test
    void overridesPoolAndTimeoutsFromTheEnvironment() {
        Map<String, String> environment = new HashMap<>(VALID);
        environment.put("PAYMENTS_DB_POOL_SIZE", "4");
        environment.put("PAYMENTS_DB_CONNECT_TIMEOUT", "PT0.5S");
        environment.put("PAYMENTS_DB_STATEMENT_TIMEOUT", "PT3S");

        assertThat(
                DatabaseSettings.from(config(environment)),
                is(new DatabaseSettings(URL, "payments", "s3cret", 4, Duration.ofMillis(500), Duration.ofSeconds(3))));
    }

    @ParameterizedTest
    @CsvSource({
        "PAYMENTS_DB_URL, '', PAYMENTS_DB_URL (payments.db.url) is not set",
        "PAYMENTS_DB_URL, postgres://db:5432/payments, PAYMENTS_DB_URL (payments.db.url) must be a PostgreSQL JDBC URL",
        "PAYMENTS_DB_URL, jdbc:mysql://db/payments, PAYMENTS_DB_URL (payments.db.url) must be a PostgreSQL JDBC URL",
        "PAYMENTS_DB_USER, '  ', PAYMENTS_DB_USER (payments.db.user) is not set",
        "PAYMENTS_DB_POOL_SIZE, ten, PAYMENTS_DB_POOL_SIZE (payments.db.pool.size) must be a whole number from 1 to 100",
        "PAYMENTS_DB_POOL_SIZE, 0, PAYMENTS_DB_POOL_SIZE (payments.db.pool.size) must be a whole number from 1 to 100",
        "PAYMENTS_DB_CONNECT_TIMEOUT, 1s, PAYMENTS_DB_CONNECT_TIMEOUT (payments.db.connect.timeout) must be an ISO-8601 duration",
        "PAYMENTS_DB_CONNECT_TIMEOUT, PT0.1S, PAYMENTS_DB_CONNECT_TIMEOUT (payments.db.connect.timeout) must be an ISO-8601 duration",
        "PAYMENTS_DB_STATEMENT_TIMEOUT, soon, PAYMENTS_DB_STATEMENT_TIMEOUT (payments.db.statement.timeout) must be an ISO-8601 duration"
    })
    void refusesAMissingOrMalformedSettingNamingItsVariable(String variable, String value, String message) {
        Map<String, String> environment = new HashMap<>(VALID);
        environment.put(variable, value);

        DatabaseSetupException e =
                assertThrows(DatabaseSetupException.class, () -> DatabaseSettings.from(config(environment)));

        assertThat(e.getMessage(), containsString(message));
        assertThat(e.getMessage(), not(containsString("\n")));
    }

    @Test
    void neverPrintsThePasswordOrTheUrlsQuery() {
        Map<String, String> environment = new HashMap<>(VALID);
        environment.put("PAYMENTS_DB_URL", "jdbc:postgresql://db/payments?password=hunter2");

        DatabaseSettings settings = DatabaseSettings.from(config(environment));

        assertThat(settings.toString(), not(containsString("s3cret")));
        assertThat(settings.toString(), not(containsString("hunter2")));
    }

    @ParameterizedTest
    @CsvSource({"'', MIGRATE", "migrate, MIGRATE", "validate, VALIDATE", "migrate-only, MIGRATE_ONLY"})
    void readsTheSchemaStepMigratingByDefault(String value, SchemaStep expected) {
        Map<String, String> environment = new HashMap<>(VALID);
        if (!value.isEmpty()) {
            environment.put("PAYMENTS_DB_MIGRATE", value);
        }

        assertThat(SchemaStep.from(config(environment)), is(expected));
    }

    @Test
    void refusesAnUnknownSchemaStepNamingItsVariable() {
        Map<String, String> environment = new HashMap<>(VALID);
        environment.put("PAYMENTS_DB_MIGRATE", "MIGRATE_ONLY");

        DatabaseSetupException e =
                assertThrows(DatabaseSetupException.class, () -> SchemaStep.from(config(environment)));

        assertThat(
                e.getMessage(),
                is("PAYMENTS_DB_MIGRATE (payments.db.migrate) must be migrate, validate or migrate-only, not"
                        + " 'MIGRATE_ONLY'"));
    }

    /** The database's settings in application.yaml under the environment. */
    private static Config config(Map<String, String> environment) {
        return TestEnvironment.applicationYaml(environment).get("payments.db");
    }
}
