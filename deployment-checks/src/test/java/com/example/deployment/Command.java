package com.example.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool (cfn-lint, python3 with botocore, the AWS CLI, deploy.sh) with a bounded wait
 * and returns what it printed. The tools come from the machine (see {@code .ci/run}); a missing one
 * fails with a sentence naming it, never a skip.
 */
final class Command {

    /** What one run did. */
    record Result(int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private Command() {}

    /** Runs the command with the current environment plus {@code environment}, waiting at most {@code timeout}. */
    static Result run(List<String> command, Map<String, String> environment, String stdin, Duration timeout) {
        return run(command, false, environment, stdin, timeout);
    }

    /** Runs the command with exactly {@code environment} (and {@code PATH} as it is, unless given). */
    static Result runIsolated(List<String> command, Map<String, String> environment, Duration timeout) {
        return run(command, true, environment, "", timeout);
    }

    private static Result run(
            List<String> command, boolean isolated, Map<String, String> environment, String stdin, Duration timeout) {
        requireTool(command.getFirst());
        ProcessBuilder builder = new ProcessBuilder(command);
        if (isolated) {
            String path = builder.environment().get("PATH");
            builder.environment().clear();
            builder.environment().put("PATH", path);
        }
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout + "; it printed:\n"
                        + stdout.getNow("") + stderr.getNow(""));
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** Fails with a clear sentence when a tool is not on PATH (paths with a slash are taken as they are). */
    static void requireTool(String tool) {
        if (!tool.contains("/")) {
            whereIs(tool);
        }
    }

    /** The tool's path on this JVM's PATH; fails with a clear sentence when it is not there. */
    static Path whereIs(String tool) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
                return Path.of(directory, tool);
            }
        }
        throw new AssertionError(
                tool + " is not on PATH. The deployment tests need cfn-lint 1.x, python3 with botocore,"
                        + " the AWS CLI and moto_server (moto[server] 5.x): run the build with .ci/run, which installs"
                        + " the versions pinned there (PYTHON_TOOLS) into .venv/ when PyPI is reachable, or pip install"
                        + " them and put them on PATH; or skip these tests with -pl '!deployment-checks'.");
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
