package com.example.systemtests;

import com.example.support.testing.ExternalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One service, run from its image ({@code scripts/build-images.sh}) with podman as ECS runs the task:
 * its own network namespace on podman's bridge (as {@code awsvpc} gives each task its own address, so
 * the container port is the service's default port), the task's user and memory, a read-only root
 * with a {@code /tmp} tmpfs, configuration through the environment.
 */
final class ServiceContainer implements ServiceInstance {

    /** The task definitions' memory (ecs-task-defs/*-task-def.json). */
    private static final String TASK_MEMORY = "1g";

    /** Each service's default port, where the task definition maps the container port. */
    private static final Map<String, Integer> PORTS = Map.of("payments", 5000, "products", 8080);

    private final String name;
    private final String service;
    private final Path log;
    private String address;

    private ServiceContainer(String name, String service, Path log) {
        this.name = name;
        this.service = service;
        this.log = log;
    }

    /** Starts a container of a service's image; {@link #awaitReady(Duration)} waits until it is ready. */
    static ServiceContainer start(String name, String service, Map<String, String> environment) {
        String container = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> command = new ArrayList<>(List.of(
                "podman",
                "run",
                "--detach",
                "--name",
                container,
                "--memory",
                TASK_MEMORY,
                "--read-only",
                "--tmpfs",
                "/tmp"));
        environment.forEach((key, value) -> {
            command.addAll(List.of("--env", key + "=" + value));
            // A file the environment names (e.g. a file: JWKS) is mounted read-only at the same path.
            if (value.startsWith("file:")) {
                String path = Path.of(URI.create(value)).toString();
                command.addAll(List.of("--volume", path + ":" + path + ":ro"));
            }
        });
        command.add(image(service));
        run(command, Duration.ofSeconds(60));
        ServiceContainer started = new ServiceContainer(
                container, service, Repository.logDirectory().resolve(name + ".log"));
        started.address = started.inspect("{{.NetworkSettings.IPAddress}}");
        return started;
    }

    /**
     * The image under test: {@code localhost/<service>:<IMAGE_TAG>}, by default tagged with the commit,
     * as {@code scripts/build-images.sh} tags it.
     */
    static String image(String service) {
        String tag = System.getenv().getOrDefault("IMAGE_TAG", "");
        return "localhost/" + service + ":" + (tag.isBlank() ? commit() : tag);
    }

    /** The repository's commit, as {@code git rev-parse --short=12 HEAD} names it. */
    private static String commit() {
        String root = Repository.root().toString();
        return run(List.of("git", "-C", root, "rev-parse", "--short=12", "HEAD"), Duration.ofSeconds(30))
                .strip();
    }

    /**
     * The address that containers on podman's default bridge reach this host at: where a stand-in
     * that containers call must listen.
     */
    static String hostAddress() {
        return bridge("{{range .Subnets}}{{.Gateway}}{{end}}");
    }

    /** podman's default bridge network (CIDR): where the containers' connections come from. */
    static String bridgeNetwork() {
        return bridge("{{range .Subnets}}{{.Subnet}}{{end}}");
    }

    private static String bridge(String format) {
        return run(List.of("podman", "network", "inspect", "podman", "--format", format), Duration.ofSeconds(30))
                .strip();
    }

    /** Runs a command inside the container, as its user (what ECS does for the container health check). */
    ExternalProcess.Finished exec(List<String> command) {
        List<String> podman = new ArrayList<>(List.of("podman", "exec", name));
        podman.addAll(command);
        return execute(podman, Duration.ofSeconds(30));
    }

    /**
     * Runs a command inside the container as root: what the root filesystem allows whatever the
     * permissions.
     */
    ExternalProcess.Finished execAsRoot(List<String> command) {
        List<String> podman = new ArrayList<>(List.of("podman", "exec", "--user", "0", name));
        podman.addAll(command);
        return execute(podman, Duration.ofSeconds(30));
    }

    @Override
    public void terminate() {
        run(List.of("podman", "kill", "--signal", "TERM", name), Duration.ofSeconds(30));
    }

    @Override
    public void kill() {
        run(List.of("podman", "kill", "--signal", "KILL", name), Duration.ofSeconds(30));
        awaitExit(Duration.ofSeconds(30));
    }

    @Override
    public void restart() {
        if (isRunning()) {
            throw new IllegalStateException(name + " is still running");
        }
        run(List.of("podman", "start", name), Duration.ofSeconds(60));
        address = inspect("{{.NetworkSettings.IPAddress}}");
    }

    @Override
    public boolean isRunning() {
        return inspect("{{.State.Running}}").equals("true");
    }

    @Override
    public int exitCode() {
        return Integer.parseInt(inspect("{{.State.ExitCode}}"));
    }

    /** A setting of the container's image or state, e.g. {@code {{.Config.User}}}. */
    String inspect(String format) {
        return run(List.of("podman", "inspect", "--format", format, name), Duration.ofSeconds(30))
                .strip();
    }

    String service() {
        return service;
    }

    @Override
    public String name() {
        return name;
    }

    /** {@code ip:port} on podman's bridge. */
    @Override
    public String address() {
        return address + ":" + PORTS.get(service);
    }

    /** Writes the container's output so far to its log file and returns the file. */
    @Override
    public Path log() {
        ExternalProcess.Finished logs = execute(List.of("podman", "logs", name), Duration.ofSeconds(30));
        try {
            Files.writeString(log, logs.output());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return log;
    }

    /** Keeps the log, then removes the container (SIGKILL if it still runs). */
    @Override
    public void close() {
        log();
        execute(List.of("podman", "rm", "--force", "--time", "0", name), Duration.ofSeconds(60));
    }

    private static String run(List<String> command, Duration timeout) {
        ExternalProcess.Finished result = execute(command, timeout);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " exited with " + result.exitCode() + ": " + result.output());
        }
        return result.output();
    }

    /** Runs podman; a podman that hangs is killed after the timeout, and the test fails naming the command. */
    private static ExternalProcess.Finished execute(List<String> command, Duration timeout) {
        return ExternalProcess.run(timeout, new ProcessBuilder(command));
    }
}
