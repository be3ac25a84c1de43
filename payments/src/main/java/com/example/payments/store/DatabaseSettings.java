package com.example.payments.store;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How payments reaches its PostgreSQL database: the {@code payments.db} configuration, checked when
 * payments starts so that a missing or malformed setting stops it with one line naming the
 * environment variable to fix.
 *
 * @param url              JDBC URL ({@code PAYMENTS_DB_URL}), {@code jdbc:postgresql://host:port/database}
 * @param user             database user ({@code PAYMENTS_DB_USER})
 * @param password         its password ({@code PAYMENTS_DB_PASSWORD}); empty where the server trusts the user
 * @param poolSize         pooled connections per instance ({@code PAYMENTS_DB_POOL_SIZE})
 * @param connectTimeout   the longest a request waits for a connection, and a new connection for the
 *                         server ({@code PAYMENTS_DB_CONNECT_TIMEOUT})
 * @param statementTimeout the longest one statement may run ({@code PAYMENTS_DB_STATEMENT_TIMEOUT})
 */
public record DatabaseSettings(
        String url, String user, String password, int poolSize, Duration connectTimeout, Duration statementTimeout) {

    private static final String SCHEME = "jdbc:postgresql://";
    /** HikariCP refuses to wait less than this for a connection. */
    private static final Duration SHORTEST_TIMEOUT = Duration.ofMillis(250);

    /**
     * Reads and checks the settings.
     *
     * @param db the {@code payments.db} configuration node
     * @return the settings
     * @throws DatabaseSetupException naming the first setting that is missing or malformed
     */
    public static DatabaseSettings from(Config db) {
        String url = required(db, "url");
        if (!url.startsWith(SCHEME)) {
            throw invalid(db, "url", "must be a PostgreSQL JDBC URL (" + SCHEME + "host:5432/database)");
        }
        return new DatabaseSettings(
                url,
                required(db, "user"),
                db.get("password").asString().orElse(""),
                poolSize(db),
                duration(db, "connect.timeout"),
                duration(db, "statement.timeout"));
    }

    /**
     * A data source of single, unpooled connections with these settings, for migrations, health
     * checks and tests: no statement timeout (a migration may legitimately run long).
     *
     * @param loginTimeout how long opening a connection may take in all (TCP connect, TLS, login)
     * @return the data source
     */
    public PGSimpleDataSource unpooled(Duration loginTimeout) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setConnectTimeout(wholeSeconds(connectTimeout));
        dataSource.setLoginTimeout(wholeSeconds(loginTimeout));
        dataSource.setApplicationName("payments");
        return dataSource;
    }

    /**
     * The URL without its query part, which may carry credentials: safe to log.
     *
     * @return the printable URL
     */
    public String printableUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + printableUrl() + ", user=" + user + ", poolSize=" + poolSize
                + ", connectTimeout=" + connectTimeout + ", statementTimeout=" + statementTimeout + "]";
    }

    /**
     * The environment variable that sets a key of {@code payments.db}, as Helidon maps it.
     *
     * @param key the key below {@code payments.db}, e.g. {@code pool.size}
     * @return e.g. {@code PAYMENTS_DB_POOL_SIZE}
     */
    static String variable(String key) {
        return ("payments.db." + key).toUpperCase(Locale.ROOT).replace('.', '_');
    }

    static int wholeSeconds(Duration duration) {
        return (int) Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    private static String required(Config db, String key) {
        Optional<String> value = db.get(key).asString().asOptional().map(String::strip);
        if (value.isEmpty() || value.get().isEmpty()) {
            throw new DatabaseSetupException(variable(key) + " (payments.db." + key + ") is not set; "
                    + "payments needs it to reach its PostgreSQL database");
        }
        return value.get();
    }

    private static int poolSize(Config db) {
        String text = required(db, "pool.size");
        try {
            int size = Integer.parseInt(text);
            if (size >= 1 && size <= 100) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw invalid(db, "pool.size", "must be a whole number from 1 to 100, not '" + text + "'");
    }

    private static Duration duration(Config db, String key) {
        String text = required(db, key);
        try {
            Duration duration = Duration.parse(text);
            if (duration.compareTo(SHORTEST_TIMEOUT) >= 0) {
                return duration;
            }
        } catch (DateTimeParseException | ConfigException e) {
            // reported below, with the value
        }
        throw invalid(db, key, "must be an ISO-8601 duration of at least 250 ms, such as PT1S, not '" + text + "'");
    }

    private static DatabaseSetupException invalid(Config db, String key, String reason) {
        return new DatabaseSetupException(variable(key) + " (payments.db." + key + ") " + reason);
    }
}
