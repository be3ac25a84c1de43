package com.example.support;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class AccessLogHandlerTest {

    @Test
    void writesEveryLineOnceAndInOrderPerThreadEvenBeyondTheQueueCapacity() throws InterruptedException {
        var out = new ByteArrayOutputStream();
        var handler = new AccessLogHandler(out);
        int threads = 4;
        int perThread = AccessLogHandler.CAPACITY; // together 4x the queue: publishers must wait, not drop
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            publishers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    handler.publish(record("t=" + thread + " i=" + i));
                }
            }));
        }
        for (Thread publisher : publishers) {
            publisher.join();
        }
        handler.close();

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines.length, is(threads * perThread));
        int[] next = new int[threads];
        for (String line : lines) {
            String[] fields = line.substring(line.indexOf("t=")).split("[ =]");
            int thread = Integer.parseInt(fields[1]);
            assertThat(Integer.parseInt(fields[3]), is(next[thread]++));
        }
    }

    @Test
    void formatsTimeLevelLoggerAndMessageAndWritesAtOnceAfterClose() {
        var out = new ByteArrayOutputStream();
        var handler = new AccessLogHandler(out);
        LogRecord record = record("method=GET status=200");
        record.setInstant(Instant.parse("2026-12-01T18:56:44.126Z"));
        LogRecord late = record("late");
        late.setInstant(Instant.parse("2026-12-01T18:56:45Z"));

        handler.publish(record);
        handler.close();
        handler.publish(late);

        assertThat(
                out.toString(StandardCharsets.UTF_8),
                is("2026-12-01T18:56:44.126Z INFO io.helidon.webserver.AccessLog.@default method=GET status=200\n"
                        + "2026-12-01T18:56:45.000Z INFO io.helidon.webserver.AccessLog.@default late\n"));
    }

    @Test
    void isTheAccessLoggersOnlyHandler() throws IOException {
        var properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/logging.properties")) {
            properties.load(in);
        }

        assertThat(
                properties.getProperty("io.helidon.webserver.AccessLog.handlers"),
                is(AccessLogHandler.class.getName()));
        assertThat(properties.getProperty("io.helidon.webserver.AccessLog.useParentHandlers"), is("false"));
    }

    private static LogRecord record(String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName("io.helidon.webserver.AccessLog.@default");
        return record;
    }
}
