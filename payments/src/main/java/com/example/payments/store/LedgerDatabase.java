package com.example.payments.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.health.HealthCheck;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * payments' PostgreSQL database: migrated to the current schema (or checked to be there, see
 * {@link SchemaStep}), then used through a HikariCP pool
 * whose timeouts keep every request within its budget (a request waits at most the connect timeout
 * for a connection, a statement runs at most the statement timeout), so that an unreachable or
 * overloaded database is answered with 503 in time, never with a hang.
 *
 * <p>HikariCP rather than Helidon's DbClient: the ledger needs plain JDBC (one
 * {@code INSERT ... ON CONFLICT ... RETURNING}, keyset queries), which HikariCP pools with precise
 * timeouts, and which Flyway and every PostgreSQL tool already speak.
 */
public final class LedgerDatabase implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(LedgerDatabase.class.getName());
    /**
     * How long opening one connection may take (TCP, TLS, authentication): generous, because it
     * happens off the request path (the pool opens connections in the background, and a request
     * waits at most the connect timeout for one), and a busy or cold JVM needs more than a second.
     */
    static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(5);
    /** Start-up may meet a database that is itself starting, on a busy machine. */
    private static final Duration MIGRATION_LOGIN_TIMEOUT = Duration.ofSeconds(30);

    private final HikariDataSource pool;
    private final DatabaseReadiness readiness;

    private LedgerDatabase(HikariDataSource pool, DatabaseReadiness readiness) {
        this.pool = pool;
        this.readiness = readiness;
    }

    /**
     * Migrates the database and opens the pool (which connects in the background).
     *
     * @param settings how to reach the database
     * @return the open database
     * @throws DatabaseSetupException when the database cannot be reached, logged into or migrated
     */
    public static LedgerDatabase open(DatabaseSettings settings) {
        return open(settings, SchemaStep.MIGRATE);
    }

    /**
     * Migrates the database or checks its schema, then opens the pool (which connects in the background).
     *
     * @param settings how to reach the database
     * @param step     {@link SchemaStep#MIGRATE} or {@link SchemaStep#VALIDATE}
     * @return the open database
     * @throws DatabaseSetupException when the database cannot be reached or logged into, or its schema
     *                                cannot be migrated or is older than this build needs
     */
    public static LedgerDatabase open(DatabaseSettings settings, SchemaStep step) {
        if (step == SchemaStep.VALIDATE) {
            validate(settings);
        } else {
            migrate(settings);
        }
        return new LedgerDatabase(new HikariDataSource(poolConfig(settings)), new DatabaseReadiness(settings));
    }

    /**
     * Checks, without changing anything, that the database's schema is at least the version this build
     * needs; a newer one (migrated by a deploy that is rolling out) is accepted.
     *
     * @param settings how to reach the database
     * @throws DatabaseSetupException when the database cannot be reached or logged into, or its schema
     *                                is older than this build needs
     */
    public static void validate(DatabaseSettings settings) {
        try {
            LedgerSchema.requireCurrent(settings, MIGRATION_LOGIN_TIMEOUT);
        } catch (SQLException e) {
            throw unreachable(settings, e);
        }
    }

    /**
     * Applies the migrations in {@code db/migration} that the database does not have yet. Safe when
     * several instances start at once: Flyway holds a PostgreSQL advisory lock while it migrates, so
     * each version is applied exactly once and the others wait for it.
     *
     * @param settings how to reach the database
     * @return how many migrations this call applied
     * @throws DatabaseSetupException when the database cannot be reached, logged into or migrated
     */
    public static int migrate(DatabaseSettings settings) {
        try {
            return Flyway.configure()
                    // Unpooled and without statement timeout: a migration may legitimately run long.
                    .dataSource(settings.unpooled(MIGRATION_LOGIN_TIMEOUT))
                    .locations("classpath:db/migration")
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            throw unreachable(settings, e);
        }
    }

    /**
     * The pool the ledger uses.
     *
     * @return the pooled data source
     */
    public DataSource dataSource() {
        return pool;
    }

    /**
     * The readiness check: DOWN while the database cannot be reached, so that the load balancer
     * stops routing to this instance; liveness is not affected, so that the instance is not restarted.
     *
     * @return the health check
     */
    public HealthCheck readiness() {
        return readiness;
    }

    /** Closes every pooled connection. */
    @Override
    public void close() {
        pool.close();
    }

    private static HikariConfig poolConfig(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("payments-ledger");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        // How long a request waits for a pooled connection (pool exhausted, or database down) before it
        // is answered with 503; short, so that products' 2 s read timeout is never reached.
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.max(250, settings.connectTimeout().toMillis() / 2));
        // Migrations have just connected: the pool need not prove it again before payments starts.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("connectTimeout", DatabaseSettings.wholeSeconds(settings.connectTimeout()));
        config.addDataSourceProperty("loginTimeout", DatabaseSettings.wholeSeconds(LOGIN_TIMEOUT));
        // The server cancels a statement that runs longer than this ...
        config.addDataSourceProperty(
                "options", "-c statement_timeout=" + settings.statementTimeout().toMillis());
        // ... and the driver gives up on a server that stops answering at all (a network partition).
        config.addDataSourceProperty("socketTimeout", DatabaseSettings.wholeSeconds(settings.statementTimeout()) + 1);
        config.addDataSourceProperty("ApplicationName", "payments");
        return config;
    }

    private static DatabaseSetupException unreachable(DatabaseSettings settings, Exception e) {
        SQLException sql = sqlCause(e);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String why = firstLine(sql != null ? sql.getMessage() : e.getMessage());
        LOGGER.log(System.Logger.Level.DEBUG, "Database set-up failed", e);
        if (state.startsWith("28")) {
            return new DatabaseSetupException(
                    "PAYMENTS_DB_USER / PAYMENTS_DB_PASSWORD are not accepted by the database (user " + settings.user()
                            + "): " + why,
                    e);
        }
        if (sql == null) {
            return new DatabaseSetupException("Migrating the payments database failed: " + why, e);
        }
        return new DatabaseSetupException(
                "PAYMENTS_DB_URL: cannot use the database at " + settings.printableUrl() + ": " + why, e);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null
                ? "no detail"
                : message.lines().findFirst().orElse("").strip();
    }
}
