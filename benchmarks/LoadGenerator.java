import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate HTTP/1.1 load generator that is safe from coordinated omission, for the benchmarks.
 *
 * <p>Open loop ({@code --rate R}): request {@code i} is due at {@code start + i / R}, whether or not earlier
 * requests have been answered, and its latency is measured from that due time, not from when it was sent. A
 * server that stalls for 100 ms therefore shows 100 ms of latency for every request that was due during the
 * stall (a closed-loop tool such as {@code hey -q} or {@code wrk} waits instead, and reports a handful of slow
 * requests). Each due request runs on its own virtual thread over a keep-alive connection taken from a pool,
 * which grows up to {@code --connections}; a request that waits for a connection counts that wait.
 *
 * <p>Closed loop ({@code --rate 0}): {@code --connections} loops send as fast as answers come, for the
 * saturation throughput (its latencies measure the queue the loops build, not the service).
 *
 * <p>CPU: {@code --cpu name=pid[,pid]} reads user+system ticks of those processes and their descendants from
 * {@code /proc/PID/stat} (fields 14 and 15) right before the first request and right after the last answer.
 *
 * <p>Prints one JSON object. Run from source, no build needed:
 * {@code java benchmarks/LoadGenerator.java --base http://127.0.0.1:8080 --plan plan.txt --rate 250 --seconds 10}.
 * The plan has one request kind per line: {@code weight METHOD path [body]}, optional header lines
 * {@code H name: value} (for every request); {@code {uuid}} anywhere is replaced by a fresh UUID per request.
 */
public final class LoadGenerator {

    private static final int TIMEOUT_MS = 5_000;
    private static final long TIMEOUT_NANOS = TIMEOUT_MS * 1_000_000L;

    record Kind(int weight, String method, String path, String body) {}

    record Answer(int status, long bytes, boolean close) {}

    private final URI base;
    private final List<Kind> kinds = new ArrayList<>();
    private final List<String> headers = new ArrayList<>();
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final Semaphore connections;
    private int totalWeight;

    LoadGenerator(URI base, Path plan, int maxConnections) throws IOException {
        this.base = base;
        this.connections = new Semaphore(maxConnections);
        for (String line : Files.readAllLines(plan)) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("H ")) {
                headers.add(line.substring(2));
                continue;
            }
            String[] parts = line.split(" ", 4);
            kinds.add(new Kind(Integer.parseInt(parts[0]), parts[1], parts[2], parts.length > 3 ? parts[3] : null));
            totalWeight += Integer.parseInt(parts[0]);
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> cpuGroups = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (args[i].equals("--cpu")) {
                String[] group = args[i + 1].split("=", 2);
                cpuGroups.put(group[0], group[1]);
            } else {
                options.put(args[i].substring(2), args[i + 1]);
            }
        }
        double rate = Double.parseDouble(options.getOrDefault("rate", "0"));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "10"));
        int maxConnections = Integer.parseInt(options.getOrDefault("connections", rate > 0 ? "256" : "32"));
        var generator = new LoadGenerator(
                URI.create(options.get("base")), Path.of(options.get("plan")), maxConnections);
        long[] cpuBefore = cpuTicks(cpuGroups);
        Result result = rate > 0 ? generator.openLoop(rate, seconds) : generator.closedLoop(maxConnections, seconds);
        long[] cpuAfter = cpuTicks(cpuGroups);
        generator.close();
        StringBuilder cpu = new StringBuilder();
        int g = 0;
        for (String name : cpuGroups.keySet()) {
            cpu.append(g == 0 ? "" : ", ").append('"').append(name).append("\": ").append(cpuAfter[g] - cpuBefore[g]);
            g++;
        }
        System.out.println(result.json(rate, "{" + cpu + "}"));
    }

    /** Open loop: request i is due at start + i / rate; its latency counts from that instant. */
    Result openLoop(double rate, double seconds) throws InterruptedException {
        int count = (int) Math.round(rate * seconds);
        var latencies = new AtomicLongArray(count);
        var statuses = new AtomicLongArray(600);
        var errors = new AtomicInteger();
        long period = Math.round(1e9 / rate);
        long start = System.nanoTime() + 1_000_000;
        long end = start + count * period;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                long due = start + i * period;
                for (long wait; (wait = due - System.nanoTime()) > 0; ) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                executor.execute(() -> {
                    // A request still waiting for a connection this long after the run's end counts as failed,
                    // so that an overloaded server cannot make the run last much longer than asked.
                    Answer answer = send(end + TIMEOUT_NANOS);
                    latencies.set(index, System.nanoTime() - due);
                    record(answer, statuses, errors);
                });
            }
        }
        long elapsed = System.nanoTime() - start;
        return new Result(toArray(latencies, count), statuses, errors.get(), elapsed);
    }

    /** Closed loop: each of n loops sends its next request when the last is answered. */
    Result closedLoop(int loops, double seconds) throws InterruptedException {
        var statuses = new AtomicLongArray(600);
        var errors = new AtomicInteger();
        var perLoop = new ArrayList<long[]>();
        var counts = new AtomicInteger[loops];
        var stop = new AtomicBoolean();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int l = 0; l < loops; l++) {
                long[] mine = new long[1 << 17];
                perLoop.add(mine);
                var count = counts[l] = new AtomicInteger();
                executor.execute(() -> {
                    while (!stop.get() && System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        Answer answer = send(end + TIMEOUT_NANOS);
                        long latency = System.nanoTime() - sent;
                        int n = count.get();
                        if (n < mine.length) {
                            mine[n] = latency;
                            count.set(n + 1);
                        }
                        record(answer, statuses, errors);
                    }
                });
            }
        }
        long elapsed = System.nanoTime() - start;
        int total = Arrays.stream(counts).mapToInt(AtomicInteger::get).sum();
        long[] all = new long[total];
        int at = 0;
        for (int l = 0; l < loops; l++) {
            System.arraycopy(perLoop.get(l), 0, all, at, counts[l].get());
            at += counts[l].get();
        }
        return new Result(all, statuses, errors.get(), elapsed);
    }

    private static void record(Answer answer, AtomicLongArray statuses, AtomicInteger errors) {
        if (answer == null) {
            errors.incrementAndGet();
        } else {
            statuses.incrementAndGet(Math.min(answer.status(), 599));
            if (answer.status() >= 400) {
                errors.incrementAndGet();
            }
        }
    }

    private static long[] toArray(AtomicLongArray values, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private Kind pick() {
        int r = ThreadLocalRandom.current().nextInt(totalWeight);
        for (Kind kind : kinds) {
            if ((r -= kind.weight()) < 0) {
                return kind;
            }
        }
        throw new IllegalStateException();
    }

    /**
     * One request on a pooled connection; null on a transport failure or timeout, or when no connection is free
     * by the deadline (the run's end plus the timeout), so that an overloaded server cannot stretch a run.
     */
    private Answer send(long deadline) {
        Kind kind = pick();
        Connection connection = null;
        try {
            if (!connections.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            connection = idle.poll();
            if (connection == null) {
                connection = new Connection(base);
            }
            Answer answer = connection.exchange(kind, headers);
            if (!answer.close()) { // gunicorn's sync workers close after each answer; Helidon keeps it open
                idle.add(connection);
                connection = null;
            }
            return answer;
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            if (connection != null) {
                connection.close();
            }
            connections.release();
        }
    }

    void close() {
        for (Connection c; (c = idle.poll()) != null; ) {
            c.close();
        }
    }

    /** One keep-alive HTTP/1.1 connection: write a request, read the status line, headers and body. */
    static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String host;

        Connection(URI base) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 16384);
            host = base.getHost() + ":" + base.getPort();
        }

        Answer exchange(Kind kind, List<String> headers) throws IOException {
            String uuid = UUID.randomUUID().toString();
            StringBuilder request = new StringBuilder(256)
                    .append(kind.method()).append(' ').append(kind.path().replace("{uuid}", uuid))
                    .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            for (String header : headers) {
                request.append(header.replace("{uuid}", uuid)).append("\r\n");
            }
            byte[] body = kind.body() == null ? null : kind.body().replace("{uuid}", uuid).getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            request.append("\r\n");
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header; !(header = line()).isEmpty(); ) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(header.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            long bytes = 0;
            if (chunked) {
                for (long size; (size = Long.parseLong(line().split(";")[0].strip(), 16)) > 0; ) {
                    bytes += skip(size);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                bytes = skip(length);
            } else {
                throw new IOException("response without length");
            }
            return new Answer(status, bytes, close);
        }

        private long skip(long n) throws IOException {
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("closed mid-body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
            return n;
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder(64);
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    throw new IOException("closed");
                }
                if (c != '\r') {
                    s.append((char) c);
                }
            }
            return s.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Latencies (ns), status counts, errors and elapsed time of one run. */
    record Result(long[] latencies, AtomicLongArray statuses, int errors, long elapsedNanos) {
        String json(double offered, String cpu) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            StringBuilder codes = new StringBuilder();
            for (int s = 0; s < 600; s++) {
                if (statuses.get(s) > 0) {
                    codes.append(codes.isEmpty() ? "" : ", ").append('"').append(s).append("\": ").append(statuses.get(s));
                }
            }
            return String.format(
                    java.util.Locale.ROOT,
                    "{\"offered\": %.1f, \"requests\": %d, \"errors\": %d, \"seconds\": %.3f, \"achieved\": %.1f, "
                            + "\"p50\": %.3f, \"p99\": %.3f, \"p999\": %.3f, \"max\": %.3f, \"statuses\": {%s}, "
                            + "\"cpu_ticks\": %s, \"ticks_per_second\": 100}",
                    offered, sorted.length, errors, elapsedNanos / 1e9, sorted.length / (elapsedNanos / 1e9),
                    ms(sorted, 0.50), ms(sorted, 0.99), ms(sorted, 0.999), ms(sorted, 1.0), codes, cpu);
        }

        private static double ms(long[] sorted, double q) {
            if (sorted.length == 0) {
                return 0;
            }
            int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
            return sorted[Math.max(0, i)] / 1e6;
        }
    }

    /** User+system ticks of each group of processes and their descendants. */
    static long[] cpuTicks(Map<String, String> groups) {
        long[] ticks = new long[groups.size()];
        int g = 0;
        for (String pids : groups.values()) {
            for (String pid : pids.split(",")) {
                ticks[g] += treeTicks(Long.parseLong(pid.strip()));
            }
            g++;
        }
        return ticks;
    }

    private static long treeTicks(long pid) {
        long total = 0;
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks.toList()) {
                    for (String child : Files.readString(task.resolve("children")).split(" ")) {
                        if (!child.isBlank()) {
                            total += treeTicks(Long.parseLong(child.strip()));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process ended: its ticks are gone with it
        }
        return total;
    }
}
