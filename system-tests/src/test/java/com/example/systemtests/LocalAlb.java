package com.example.systemtests;

import com.example.support.testing.ExternalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The internal ALB's stand-in: HAProxy with {@code local-alb/haproxy.cfg}, on free loopback ports,
 * in front of two payments targets, with its admin socket for statistics and deregistration.
 */
final class LocalAlb implements AutoCloseable {

    /** The backend and server names in {@code haproxy.cfg}. */
    static final String BACKEND = "payments";

    static final List<String> TARGETS = List.of("payments-1", "payments-2");

    /** Attempts at start-up: a port picked free can be taken by another process before HAProxy binds it. */
    private static final int ATTEMPTS = 3;

    private final Process process;
    private final String host;
    private final int port;
    private final Path sockets;

    private LocalAlb(Process process, String host, int port, Path sockets) {
        this.process = process;
        this.host = host;
        this.port = port;
        this.sockets = sockets;
    }

    /**
     * Starts HAProxy with its listener on the given address (loopback, or where containers reach this
     * host), in front of the two payments addresses ({@code host:port}), with the ALB's idle timeout
     * unless a test cannot wait for its 60 s.
     *
     * <p>Its port is picked free a moment before HAProxy binds it; on a busy machine another process
     * sometimes takes it in between, and HAProxy exits at once ("Address already in use"): that is
     * retried on a new port. Any other early exit fails at once with HAProxy's own message. The admin
     * and statistics sockets are Unix sockets in a short private directory (no port to race for, no
     * path too long for a socket).
     */
    static LocalAlb start(List<String> targets, Optional<Duration> idleTimeout, String name, String host) {
        requireHaproxy();
        Path log = Repository.logDirectory().resolve(name + ".log");
        for (int attempt = 1; ; attempt++) {
            LocalAlb alb = launch(targets, idleTimeout, log, host);
            // Within milliseconds; the bound is against a hang (10 s once proved too short on 2 busy cores).
            Poll.until(
                    "HAProxy to answer on its admin socket or exit (see " + log + ")",
                    Duration.ofSeconds(60),
                    () -> !alb.alive() || !alb.stats().isEmpty());
            if (alb.alive()) {
                return alb;
            }
            alb.close();
            String output = read(log);
            if (!output.contains("Address already in use") || attempt == ATTEMPTS) {
                throw new IllegalStateException("HAProxy exited at start (attempt " + attempt + " of " + ATTEMPTS
                        + "), see " + log + ":\n" + output);
            }
        }
    }

    private static LocalAlb launch(List<String> targets, Optional<Duration> idleTimeout, Path log, String host) {
        int port = Repository.freePort();
        try {
            Path sockets = Files.createTempDirectory("local-alb-");
            ProcessBuilder builder =
                    haproxy("-db").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            Map<String, String> env = builder.environment();
            env.put("LB_BIND", host + ":" + port);
            env.put("LB_STATS_BIND", "unix@" + sockets.resolve("stats.sock"));
            env.put("LB_STATS_SOCKET", sockets.resolve("admin.sock").toString());
            env.put("PAYMENTS_1", targets.get(0));
            env.put("PAYMENTS_2", targets.get(1));
            idleTimeout.ifPresent(timeout -> env.put("LB_IDLE_TIMEOUT", timeout.toMillis() + "ms"));
            return new LocalAlb(builder.start(), host, port, sockets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** HAProxy on {@code local-alb/haproxy.cfg}: {@code -db} runs it in the foreground, {@code -c} checks it. */
    static ProcessBuilder haproxy(String option) {
        return new ProcessBuilder(
                "haproxy",
                option,
                "-f",
                Repository.file("local-alb/haproxy.cfg").toString());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read it: " + e + ")";
        }
    }

    /** Fails loudly without HAProxy: CI installs it; a developer without it uses {@code -DskipSystemTests}. */
    static void requireHaproxy() {
        try {
            if (ExternalProcess.run(Duration.ofSeconds(10), new ProcessBuilder("haproxy", "-v"))
                            .exitCode()
                    == 0) {
                return;
            }
        } catch (UncheckedIOException e) {
            // not installed: reported below
        }
        throw new IllegalStateException("HAProxy is not installed, and the system tests need it as the ALB stand-in: "
                + "sudo apt-get install -y haproxy (or skip them with ./mvnw verify -DskipSystemTests)");
    }

    int port() {
        return port;
    }

    String baseUri() {
        return "http://" + host + ":" + port;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The statistics of every frontend, backend and server ({@code show stat}), keyed by {@code pxname/svname}. */
    Map<String, Stat> stats() {
        List<String> lines =
                command("show stat").lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty() || !lines.getFirst().startsWith("# ")) {
            return Map.of();
        }
        String[] header = lines.getFirst().substring(2).split(",", -1);
        Map<String, Stat> stats = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length && i < values.length; i++) {
                row.put(header[i], values[i]);
            }
            stats.put(row.get("pxname") + "/" + row.get("svname"), new Stat(row));
        }
        return stats;
    }

    /** The listener's statistics. */
    Stat frontend() {
        return stats().get("payments-alb/FRONTEND");
    }

    /** A target's statistics. */
    Stat target(String server) {
        return stats().get(BACKEND + "/" + server);
    }

    /**
     * Sets a target's administrative state, as registering and deregistering it with a target group:
     * {@code drain} (no new requests, in-flight ones continue), {@code maint} (out) or {@code ready}.
     */
    void setState(String server, String state) {
        String answer = command("set server " + BACKEND + "/" + server + " state " + state)
                .strip();
        if (!answer.isEmpty()) {
            throw new IllegalStateException("HAProxy refused to set " + server + " to " + state + ": " + answer);
        }
    }

    /**
     * Deregisters a target as the ALB does: no new requests, then up to the deregistration delay for
     * the ones in flight, then out.
     */
    Duration deregister(String server, Duration delay) {
        setState(server, "drain");
        Duration drained = Poll.until(
                server + " to have no sessions",
                delay.plusSeconds(1),
                () -> target(server).number("scur") == 0);
        setState(server, "maint");
        return drained;
    }

    /** Sends one command to the admin socket and returns the answer. */
    String command(String command) {
        Path socket = sockets.resolve("admin.sock");
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Channels.newOutputStream(channel).write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("HAProxy's admin socket " + socket, e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(sockets)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(sockets);
        } catch (IOException e) {
            // Only empty sockets in a temporary directory are left behind.
        }
    }

    /**
     * One row of {@code show stat}: field names as in HAProxy's management guide ({@code status},
     * {@code scur}, {@code conn_tot}, {@code hrsp_2xx}, {@code idle_conn_cur}, ...).
     */
    record Stat(Map<String, String> fields) {

        String text(String field) {
            return fields.getOrDefault(field, "");
        }

        long number(String field) {
            String value = text(field);
            return value.isEmpty() ? 0 : Long.parseLong(value);
        }

        /** Whether health checks report the target UP (in any administrative state). */
        boolean up() {
            return text("status").startsWith("UP")
                    || text("status").equals("DRAIN")
                    || text("status").equals("NOLB");
        }
    }
}
