package com.example.systemtests;

import com.example.localdb.LocalDatabase;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * payments' PostgreSQL for the system tests: one throw-away server for the whole test JVM, with a
 * new database for each system, so that scenarios never see each other's payments.
 */
final class SystemDatabase {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static LocalDatabase shared;

    private SystemDatabase() {}

    /**
     * A new, empty database on the shared server.
     *
     * @return payments' environment for it
     */
    static Map<String, String> freshEnvironment() {
        return environment(server(), "system_" + DATABASES.incrementAndGet());
    }

    /**
     * payments' environment for a new database on the given server (a scenario that stops and starts
     * its own server).
     *
     * @param server the server
     * @param name   the database to create
     * @return the environment
     */
    static Map<String, String> environment(LocalDatabase server, String name) {
        return Map.of(
                "PAYMENTS_DB_URL",
                server.createDatabase(name),
                "PAYMENTS_DB_USER",
                LocalDatabase.USER,
                "PAYMENTS_DB_PASSWORD",
                "",
                // As run-local.sh: both instances seed the same sample payments at once, without duplicates.
                "PAYMENTS_STORE_SAMPLE_dash_DATA",
                "true");
    }

    private static synchronized LocalDatabase server() {
        if (shared == null) {
            shared = LocalDatabase.startThrowaway();
        }
        return shared;
    }
}
