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
    private static LocalDatabase sharedWithContainers;

    private SystemDatabase() {}

    /** A new, empty database on the shared server. */
    static Map<String, String> freshEnvironment() {
        String name = "system_" + DATABASES.incrementAndGet();
        return environment(server().createDatabase(name));
    }

    /**
     * A new, empty database on a shared server that containers on podman's bridge reach too, at the
     * bridge's gateway (the host's address there).
     */
    static Map<String, String> freshContainerEnvironment() {
        LocalDatabase server = containerServer();
        String name = "containers_" + DATABASES.incrementAndGet();
        server.createDatabase(name);
        return environment("jdbc:postgresql://" + ServiceContainer.hostAddress() + ":" + server.port() + "/" + name);
    }

    private static Map<String, String> environment(String url) {
        return Map.of(
                "PAYMENTS_DB_URL",
                url,
                "PAYMENTS_DB_USER",
                LocalDatabase.USER,
                "PAYMENTS_DB_PASSWORD",
                "",
                // As run-local.sh: both instances seed the same sample payments at once, without duplicates.
                "PAYMENTS_STORE_SAMPLE_DATA",
                "true");
    }

    private static synchronized LocalDatabase server() {
        if (shared == null) {
            shared = LocalDatabase.startThrowaway();
        }
        return shared;
    }

    private static synchronized LocalDatabase containerServer() {
        if (sharedWithContainers == null) {
            sharedWithContainers = LocalDatabase.startThrowaway(ServiceContainer.bridgeNetwork());
        }
        return sharedWithContainers;
    }
}
