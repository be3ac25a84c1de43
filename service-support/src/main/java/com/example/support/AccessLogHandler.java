package com.example.support;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The access log's handler (see {@code logging.properties}): writes each line to standard output from one
 * background thread, in batches, so that a request pays only for handing its line over. The default console
 * handler instead formats with {@code String.format} and writes and flushes standard output under a lock, on
 * the request's thread, once per line: at low load that was about a fifth of payments' CPU per request.
 *
 * <p>Nothing is dropped: when the writer falls behind by {@value #CAPACITY} lines, requests wait for room
 * (back-pressure, as a synchronous log would). Lines are flushed whenever the queue runs empty, so a line is
 * out within a few milliseconds of its request even at one request a minute. {@link #close()} (the log
 * manager's reset at JVM exit) drains what is queued; later lines are written at once.
 *
 * <p>The line is {@code <ISO-8601 UTC time> <level> <logger> <message>}, the access log entry itself being
 * logfmt ({@link StructuredAccessLog}).
 */
public final class AccessLogHandler extends Handler {

    /** Lines queued at most before requests wait for the writer. */
    static final int CAPACITY = 8192;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    private static final LogRecord STOP = new LogRecord(java.util.logging.Level.OFF, "");

    private final BlockingQueue<LogRecord> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final OutputStream out;
    private final Thread writer;
    private volatile boolean closed;

    /** Creates the handler writing to standard output (JUL instantiates it by name). */
    public AccessLogHandler() {
        this(new FileOutputStream(FileDescriptor.out));
    }

    AccessLogHandler(OutputStream out) {
        this.out = new BufferedOutputStream(out, 64 * 1024);
        // A platform daemon thread: it blocks on the queue most of the time and must not hold a carrier.
        this.writer = Thread.ofPlatform().name("access-log-writer").daemon().start(this::drain);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        if (closed) {
            write(List.of(record));
            flush();
            return;
        }
        try {
            queue.put(record);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<LogRecord> batch = new ArrayList<>(256);
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, 1023);
                boolean stop = batch.remove(STOP);
                write(batch);
                batch.clear();
                if (queue.isEmpty()) {
                    flush();
                }
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void write(List<LogRecord> records) {
        try {
            for (LogRecord record : records) {
                String line = TIME.format(record.getInstant()) + " "
                        + record.getLevel().getName() + " " + record.getLoggerName() + " " + record.getMessage() + "\n";
                out.write(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            reportError("Cannot write the access log", e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            reportError("Cannot flush the access log", e, ErrorManager.FLUSH_FAILURE);
        }
    }

    /** Writes what is queued and stops the writer (bounded wait); later lines are written synchronously. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            queue.put(STOP);
            writer.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }
}
