package com.example.payments.store;

import com.example.localdb.LocalDatabase;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL for payments' tests: one throw-away server per test JVM, and a new, empty
 * database per test class (or per arranged scenario), so that classes never see each other's rows.
 */
public final class TestDatabases {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalDatabase server;

    private TestDatabases() {}

    /** Settings, with the production timeouts, that reach a new, empty, unmigrated database. */
    public static DatabaseSettings fresh() {
        return settings(server().createDatabase("payments_test_" + DATABASES.incrementAndGet()));
    }

    /** Settings that reach the database at a JDBC URL with the production timeouts. */
    public static DatabaseSettings settings(String url) {
        return new DatabaseSettings(url, LocalDatabase.USER, "", 4, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    /**
     * payments' production configuration ({@code application.yaml}) on a random local port, with the
     * database settings given as ECS would give them, and the overrides (more keys, e.g.
     * {@code payments.store.sample.data}).
     */
    public static Config config(DatabaseSettings database, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(Map.of(
                "server.port", "0",
                "server.host", "127.0.0.1",
                "payments.db.url", database.url(),
                "payments.db.user", database.user(),
                "payments.db.password", database.password()));
        values.putAll(overrides);
        return Config.builder()
                .sources(ConfigSources.create(values), ConfigSources.classpath("application.yaml"))
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .build();
    }

    /**
     * Runs SQL on the database outside the ledger: arranging or breaking it for a test, or counting
     * what a test expects by the database rather than through the API under test. Returns the first
     * column of each row of a query, as text; none for statements.
     */
    public static List<String> sql(DatabaseSettings database, String sql) {
        try (Connection connection = database.unpooled(Duration.ofSeconds(30)).getConnection();
                Statement statement = connection.createStatement()) {
            List<String> values = new ArrayList<>();
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        values.add(rows.getString(1));
                    }
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static synchronized LocalDatabase server() {
        if (server == null) {
            server = LocalDatabase.startThrowaway();
        }
        return server;
    }
}
