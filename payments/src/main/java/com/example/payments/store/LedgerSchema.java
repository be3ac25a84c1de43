package com.example.payments.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The check a task makes at start when the deploy migrates the schema ({@link SchemaStep#VALIDATE}):
 * one query of Flyway's history table over plain JDBC, so that Flyway is not loaded at all on the
 * start path (its classes and its scan of the classpath cost start-up time and metaspace).
 */
final class LedgerSchema {

    /**
     * The schema version this build needs: the highest {@code V<n>__*.sql} in {@code db/migration}
     * ({@code LedgerSchemaTest} fails when a migration is added without raising it).
     */
    static final int VERSION = 1;

    private static final String APPLIED =
            "SELECT max(version::int) FROM flyway_schema_history" + " WHERE success AND version IS NOT NULL";
    /** PostgreSQL's "undefined_table": the history table is missing, so the schema was never migrated. */
    private static final String UNDEFINED_TABLE = "42P01";

    private LedgerSchema() {}

    /**
     * Fails unless the database's schema is at least {@link #VERSION}; a newer one is accepted (a
     * deploy migrates before it replaces the tasks that still run the previous build).
     *
     * @param settings     how to reach the database
     * @param loginTimeout how long connecting may take
     * @throws DatabaseSetupException naming what to do when the schema is older or missing
     * @throws SQLException           when the database cannot be reached or queried
     */
    static void requireCurrent(DatabaseSettings settings, Duration loginTimeout) throws SQLException {
        int applied;
        try (Connection connection = settings.unpooled(loginTimeout).getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(APPLIED)) {
            row.next();
            applied = row.getInt(1);
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw e;
            }
            applied = 0;
        }
        if (applied < VERSION) {
            throw new DatabaseSetupException("PAYMENTS_DB_MIGRATE=validate: the database's schema is at version "
                    + applied + ", this payments needs " + VERSION + "; migrate it first (payments with"
                    + " PAYMENTS_DB_MIGRATE=migrate-only, the one-off task that ecs-task-defs/deploy.sh runs)");
        }
    }
}
