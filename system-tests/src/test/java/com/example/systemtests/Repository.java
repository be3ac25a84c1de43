package com.example.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the repository's files are, and free loopback ports for the processes under test.
 */
final class Repository {

    private Repository() {}

    /** The repository root, passed by the build as {@code project.root}. */
    static Path root() {
        return Path.of(System.getProperty("project.root", ".."))
                .toAbsolutePath()
                .normalize();
    }

    /** A file of the repository, which must exist. */
    static Path file(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " does not exist; build the services first (./mvnw -B package)");
        }
        return path;
    }

    /**
     * A service's container definition in its task definition ({@code ecs-task-defs/<service>-task-def.json}):
     * what ECS runs, so what the tests hold the service to.
     */
    static JsonNode taskContainer(String service) {
        try {
            return new ObjectMapper()
                    .readTree(
                            file("ecs-task-defs/" + service + "-task-def.json").toFile())
                    .path("containerDefinitions")
                    .get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the processes of this test run write their output. */
    static Path logDirectory() {
        Path dir = root().resolve("system-tests/target/system-test-logs");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago. Ports are taken from the kernel's ephemeral
     * range, so two runs on one machine do not collide; a process that then fails to bind says so.
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
