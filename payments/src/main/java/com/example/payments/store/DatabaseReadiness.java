package com.example.payments.store;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Readiness: UP when a new connection to the database can be opened and answers. It deliberately
 * does not borrow from the pool: a pool exhausted by load is not a reason to take the instance out
 * of the load balancer, an unreachable database is. One connection per check (the load balancer
 * checks every few seconds) is cheap for PostgreSQL.
 */
final class DatabaseReadiness implements HealthCheck {

    private final PGSimpleDataSource database;
    private final int timeoutSeconds;

    DatabaseReadiness(DatabaseSettings settings) {
        this.database = settings.unpooled(LedgerDatabase.LOGIN_TIMEOUT);
        this.timeoutSeconds = DatabaseSettings.wholeSeconds(settings.connectTimeout());
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "ledger-database";
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection connection = database.getConnection()) {
            return HealthCheckResponse.builder()
                    .status(connection.isValid(timeoutSeconds))
                    .build();
        } catch (SQLException e) {
            return HealthCheckResponse.builder()
                    .status(false)
                    .detail("sqlState", String.valueOf(e.getSQLState()))
                    .build();
        }
    }
}
