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

    /** The root logger and the access log, which has handlers of its own ({@code logging.properties}). */
    private final List<Logger> loggers =
            List.of(Logger.getLogger(""), Logger.getLogger("io.helidon.webserver.AccessLog"));

    private final List<List<Handler>> console;
    private final FileHandler file;
    private final Path path;

    private InProcessLogs(Path path) throws IOException {
        this.path = path;
        this.console =
                loggers.stream().map(logger -> List.of(logger.getHandlers())).toList();
        this.file = new FileHandler(path.toString());
        file.setFormatter(new SimpleFormatter());
        for (int i = 0; i < loggers.size(); i++) {
            console.get(i).forEach(loggers.get(i)::removeHandler);
            loggers.get(i).addHandler(file);
        }
    }

    /**
     * Starts sending the JVM's log records to {@code system-tests/target/system-test-logs/<name>.log}.
     *
     * @param name the file's name, without extension
     * @return the redirection, to close when the services have stopped
     */
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
        for (int i = 0; i < loggers.size(); i++) {
            loggers.get(i).removeHandler(file);
            console.get(i).forEach(loggers.get(i)::addHandler);
        }
        file.close();
    }
}
