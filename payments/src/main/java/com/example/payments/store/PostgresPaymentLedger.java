package com.example.payments.store;

import com.example.payments.domain.Cursor;
import com.example.payments.domain.IdempotencyConflict;
import com.example.payments.domain.LedgerUnavailable;
import com.example.payments.domain.NewPayment;
import com.example.payments.domain.Payment;
import com.example.payments.domain.PaymentLedger;
import com.example.payments.domain.PaymentPage;
import com.example.payments.domain.PaymentQuery;
import com.example.payments.domain.PaymentStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The ledger in PostgreSQL (schema: {@code db/migration}), shared by every payments instance.
 *
 * <p>Idempotency is decided by the database: the key has a unique constraint, and a create is one
 * {@code INSERT ... ON CONFLICT (idempotency_key) DO NOTHING}. Of concurrent creates with one key, on
 * any instance, exactly one inserts; PostgreSQL makes the others wait for it to commit, after which
 * they read the winner and compare the request fingerprints. Each statement commits on its own:
 * an acknowledged payment is durable.
 *
 * <p>A database that cannot be reached, is overloaded or answers too late surfaces as
 * {@link LedgerUnavailable}; any other SQL failure is a defect and surfaces as an
 * {@link IllegalStateException}.
 */
public final class PostgresPaymentLedger implements PaymentLedger {

    private static final String COLUMNS = "id, amount, currency, status, description, created_at";
    private static final String INSERT_UNLESS_KEY_USED = "INSERT INTO payment (" + COLUMNS
            + ", idempotency_key, request_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING id";
    private static final String FIND_BY_KEY =
            "SELECT " + COLUMNS + ", request_fingerprint FROM payment WHERE idempotency_key = ?";
    private static final String FIND = "SELECT " + COLUMNS + " FROM payment WHERE id = ?";
    private static final String UPSERT = "INSERT INTO payment (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET amount = EXCLUDED.amount, currency = EXCLUDED.currency,"
            + " status = EXCLUDED.status, description = EXCLUDED.description, created_at = EXCLUDED.created_at";

    private final DataSource dataSource;
    private final Clock clock;

    /**
     * Creates the ledger over a migrated database.
     *
     * @param dataSource the pool ({@link LedgerDatabase#dataSource()})
     * @param clock      the clock that stamps new payments
     */
    public PostgresPaymentLedger(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public Optional<Payment> find(String id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement find = connection.prepareStatement(FIND)) {
            find.setString(1, id);
            try (ResultSet row = find.executeQuery()) {
                return row.next() ? Optional.of(payment(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("Finding a payment", e);
        }
    }

    @Override
    public PaymentPage list(PaymentQuery query) {
        // Keyset pagination on (created_at, id), served by the index payment_newest_first (or
        // payment_status_newest_first): one more row than the page says whether another page follows.
        List<String> conditions = new ArrayList<>();
        query.status().ifPresent(status -> conditions.add("status = ?"));
        query.after().ifPresent(cursor -> conditions.add("(created_at, id) < (?, ?)"));
        String sql = "SELECT " + COLUMNS + " FROM payment"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY created_at DESC, id DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            if (query.status().isPresent()) {
                select.setString(index++, query.status().get().name());
            }
            if (query.after().isPresent()) {
                Cursor cursor = query.after().get();
                select.setObject(index++, timestamp(cursor.createdAt()));
                select.setString(index++, cursor.id());
            }
            select.setInt(index, query.limit() + 1);
            List<Payment> window = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    window.add(payment(rows));
                }
            }
            return PaymentPage.of(window, query.limit());
        } catch (SQLException e) {
            throw failure("Listing payments", e);
        }
    }

    @Override
    public Creation create(String idempotencyKey, NewPayment request) {
        byte[] fingerprint = RequestFingerprint.of(request);
        Payment candidate = Payment.pending(request, clock);
        try (Connection connection = dataSource.getConnection()) {
            if (insertUnlessKeyUsed(connection, candidate, idempotencyKey, fingerprint)) {
                return new Creation(candidate, false);
            }
            // Another request with this key committed first (the INSERT waited for it): read its payment.
            try (PreparedStatement find = connection.prepareStatement(FIND_BY_KEY)) {
                find.setString(1, idempotencyKey);
                try (ResultSet row = find.executeQuery()) {
                    if (!row.next()) {
                        throw new IllegalStateException("The payment of an idempotency key that conflicted is gone");
                    }
                    if (!Arrays.equals(row.getBytes("request_fingerprint"), fingerprint)) {
                        throw new IdempotencyConflict(idempotencyKey);
                    }
                    return new Creation(payment(row), true);
                }
            }
        } catch (SQLException e) {
            throw failure("Creating a payment", e);
        }
    }

    @Override
    public void store(Payment payment) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            bind(upsert, payment);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw failure("Storing a payment", e);
        }
    }

    private static boolean insertUnlessKeyUsed(
            Connection connection, Payment payment, String idempotencyKey, byte[] fingerprint) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_UNLESS_KEY_USED)) {
            bind(insert, payment);
            insert.setString(7, idempotencyKey);
            insert.setBytes(8, fingerprint);
            try (ResultSet inserted = insert.executeQuery()) {
                return inserted.next();
            }
        }
    }

    private static void bind(PreparedStatement statement, Payment payment) throws SQLException {
        statement.setString(1, payment.id());
        statement.setBigDecimal(2, payment.amount());
        statement.setString(3, payment.currency().getCurrencyCode());
        statement.setString(4, payment.status().name());
        if (payment.description().isPresent()) {
            statement.setString(5, payment.description().get());
        } else {
            statement.setNull(5, Types.VARCHAR);
        }
        statement.setObject(6, timestamp(payment.createdAt()));
    }

    private static Payment payment(ResultSet row) throws SQLException {
        return new Payment(
                row.getString("id"),
                row.getBigDecimal("amount"),
                Currency.getInstance(row.getString("currency")),
                PaymentStatus.valueOf(row.getString("status")),
                Optional.ofNullable(row.getString("description")),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** Failures a retry may cure (no connection, server shutting down or overloaded, timeouts) → 503. */
    static RuntimeException failure(String what, SQLException e) {
        if (isUnavailable(e)) {
            return new LedgerUnavailable(what + " failed: the database is unavailable (" + e.getSQLState() + ")", e);
        }
        return new IllegalStateException(what + " failed (SQLState " + e.getSQLState() + ")", e);
    }

    private static boolean isUnavailable(SQLException e) {
        if (e instanceof SQLTransientException
                || e instanceof SQLRecoverableException
                || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        // 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown,
        // statement timeout), 40 transaction rollback (serialization failure, deadlock).
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57") || state.startsWith("40");
    }
}
