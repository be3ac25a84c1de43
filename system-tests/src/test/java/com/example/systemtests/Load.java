package com.example.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Steady load from a few client threads, bounded in requests and in time: it stops by itself at
 * whichever bound comes first, or earlier when told.
 */
final class Load {

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch done;
    private final int maxRequests;
    private final long deadline;

    private Load(int threads, int maxRequests, Duration maxDuration) {
        this.done = new CountDownLatch(threads);
        this.maxRequests = maxRequests;
        this.deadline = System.nanoTime() + maxDuration.toNanos();
    }

    /**
     * Starts the load.
     *
     * @param threads     concurrent clients
     * @param maxRequests at most this many requests in all
     * @param maxDuration for at most this long
     * @param request     one request; returns the HTTP status, or throws on a transport failure
     * @return the running load
     */
    static Load start(int threads, int maxRequests, Duration maxDuration, IntSupplier request) {
        Load load = new Load(threads, maxRequests, maxDuration);
        for (int i = 0; i < threads; i++) {
            Thread.ofPlatform().name("load-" + i).daemon().start(() -> load.run(request));
        }
        return load;
    }

    /**
     * Runs this many requests and waits for them to end.
     *
     * @param threads  concurrent clients
     * @param requests how many requests in all
     * @param request  one request; returns the HTTP status, or throws on a transport failure
     * @return what happened
     */
    static Result run(int threads, int requests, IntSupplier request) {
        // A bound against a hang: a few hundred calls take seconds, longer on a starved machine.
        Duration bound = Duration.ofMinutes(3);
        return start(threads, requests, bound, request).await(bound.plusSeconds(10));
    }

    private void run(IntSupplier request) {
        try {
            while (!stop.get() && System.nanoTime() < deadline && started.getAndIncrement() < maxRequests) {
                long start = System.nanoTime();
                int status;
                try {
                    status = request.getAsInt();
                } catch (RuntimeException e) {
                    status = -1;
                    failures.add(e.toString());
                }
                latencies.add(System.nanoTime() - start);
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                if (status < 200 || status >= 300) {
                    failures.add("status " + status);
                }
                completed.incrementAndGet();
            }
        } finally {
            done.countDown();
        }
    }

    /** Requests completed so far. */
    int completed() {
        return completed.get();
    }

    /** Asks the clients to stop after their current request. */
    void stop() {
        stop.set(true);
    }

    /**
     * Waits for the load to end by itself (or after {@link #stop()}).
     *
     * @param timeout the longest wait
     * @return what happened
     */
    Result await(Duration timeout) {
        try {
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop();
                throw new AssertionError("The load did not end within " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        statuses.forEach((status, count) -> byStatus.put(status, count.get()));
        return new Result(
                completed.get(),
                failures.size(),
                byStatus,
                List.copyOf(failures.subList(0, Math.min(5, failures.size()))),
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                sorted.isEmpty() ? Duration.ZERO : Duration.ofNanos(sorted.getLast()));
    }

    private static Duration percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1)));
    }

    /**
     * The outcome of a load.
     *
     * @param requests      requests completed
     * @param failed        requests that did not end in 2xx
     * @param statuses      requests by status (-1: transport failure)
     * @param failureSample the first few failures
     * @param p50           median latency
     * @param p99           99th percentile latency
     * @param max           slowest request
     */
    record Result(
            int requests,
            int failed,
            Map<Integer, Integer> statuses,
            List<String> failureSample,
            Duration p50,
            Duration p99,
            Duration max) {

        @Override
        public String toString() {
            return "requests=" + requests + " failed=" + failed + " statuses=" + statuses
                    + " p50=" + p50.toMillis() + "ms p99=" + p99.toMillis() + "ms max=" + max.toMillis() + "ms"
                    + (failureSample.isEmpty() ? "" : " failures=" + failureSample);
        }
    }
}
