package com.example.payments.store;

import com.example.payments.pact.ProviderStates;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Resets the ledger's PostgreSQL tables and makes them fail, for provider states only: it deletes
 * every payment. The failure renames the {@code payment} table away, so every statement fails as an
 * unexpected store fault would (500), while the database itself stays up.
 */
public final class PostgresLedgerControl implements ProviderStates.LedgerControl {

    private final DataSource dataSource;

    /**
     * Creates the control.
     *
     * @param dataSource the ledger's database
     */
    public PostgresLedgerControl(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void reset() {
        execute("ALTER TABLE IF EXISTS payment_out_of_service RENAME TO payment; TRUNCATE payment");
    }

    @Override
    public void fail() {
        execute("ALTER TABLE payment RENAME TO payment_out_of_service");
    }

    private void execute(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Arranging a provider state failed: " + sql, e);
        }
    }
}
