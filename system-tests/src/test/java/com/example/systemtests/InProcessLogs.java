package com.example.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends the logs of services started in the test's own JVM (access log, Helidon, Flyway, HikariCP)
 * to a file instead of the build's output, which keeps the test results and the {@code [figures]}
 * lines; a failing test names the file. Closing it restores the console. Start it once the services
 * have started: their start loads {@code logging.properties}, which replaces the handlers.
 */
final class InProcessLogs implements AutoCloseable {

    private static final Logger ROOT = Logger.getLogger("");
    /** Has a handler of its own ({@code logging.properties}); its records also reach the root's unless stopped. */
    private static final Logger ACCESS_LOG = Logger.getLogger("io.helidon.webserver.AccessLog");

    private final List<Handler> rootConsole = List.of(ROOT.getHandlers());
    private final List<Handler> accessLogConsole = List.of(ACCESS_LOG.getHandlers());
    private final boolean accessLogToParent = ACCESS_LOG.getUseParentHandlers();
    private final FileHandler file;
    private final Path path;

    private InProcessLogs(Path path) throws IOException {
        this.path = path;
        this.file = new FileHandler(path.toString());
        file.setFormatter(new SimpleFormatter());
        rootConsole.forEach(ROOT::removeHandler);
        accessLogConsole.forEach(ACCESS_LOG::removeHandler);
        ROOT.addHandler(file);
        // Each access-log line once: through the root's file handler only.
        ACCESS_LOG.setUseParentHandlers(true);
    }

    /** Starts sending the JVM's log records to {@code system-tests/target/system-test-logs/<name>.log}. */
    static InProcessLogs toFile(String name) {
        try {
            return new InProcessLogs(Repository.logDirectory().resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file the records go to. */
    Path path() {
        return path;
    }

    @Override
    public void close() {
        ROOT.removeHandler(file);
        rootConsole.forEach(ROOT::addHandler);
        ACCESS_LOG.setUseParentHandlers(accessLogToParent);
        accessLogConsole.forEach(ACCESS_LOG::addHandler);
        file.close();
    }
}
