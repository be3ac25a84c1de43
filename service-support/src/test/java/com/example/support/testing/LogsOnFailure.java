package com.example.support.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the end of the test JVM's log ({@code target/tests*.log}, see {@code .mvn/test-logging.properties})
 * when a test fails, so that the build's output shows what the services logged up to the failure and
 * nothing when all pass. Every module with this test-jar has it: JUnit's extension auto-detection
 * ({@code META-INF/services}, switched on in the parent pom) registers it for each test.
 */
public final class LogsOnFailure implements TestWatcher {

    private static final int LINES = 80;
    private static final Path DIRECTORY = Path.of("target");

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (!Files.isDirectory(DIRECTORY)) {
            return;
        }
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            files.filter(file -> file.getFileName().toString().matches("tests\\d+\\.log"))
                    .sorted()
                    .forEach(file -> print(context.getDisplayName(), file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void print(String test, Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            System.out.println("--- " + test + " failed; the last " + Math.min(LINES, lines.size()) + " lines of "
                    + file.toAbsolutePath() + ":");
            lines.subList(Math.max(0, lines.size() - LINES), lines.size()).forEach(System.out::println);
        } catch (IOException e) {
            System.out.println("--- " + test + " failed; its log " + file + " is unreadable: " + e);
        }
    }
}
