package com.example.support.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external process (a linter, git, podman, HAProxy) for a test, with a wait that can fire.
 * Its output goes to a file, not a pipe read to the end, so a process that hangs cannot hang the
 * build: after the bound it is killed, and the test fails naming the command and its output so far.
 */
public final class ExternalProcess {

    private ExternalProcess() {}

    /** A finished process: its exit code, and its standard output and error interleaved. */
    public record Finished(int exitCode, String output) {}

    /**
     * Starts the process (its output redirection replaced) and waits for it at most {@code bound};
     * one that outlives the bound is killed, and an {@link AssertionError} names it.
     */
    public static Finished run(Duration bound, ProcessBuilder builder) {
        String command = String.join(" ", builder.command());
        try {
            File output = Files.createTempFile("external-process-", ".log").toFile();
            output.deleteOnExit();
            Process process =
                    builder.redirectErrorStream(true).redirectOutput(output).start();
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("`" + command + "` did not finish within " + bound
                        + " and was killed; its output so far:\n" + read(output));
            }
            return new Finished(process.exitValue(), read(output));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run `" + command + "`", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for `" + command + "`", e);
        }
    }

    private static String read(File output) throws IOException {
        return Files.readString(output.toPath(), StandardCharsets.UTF_8);
    }
}
