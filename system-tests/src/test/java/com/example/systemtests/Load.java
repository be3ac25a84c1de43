package com.example.systemtests;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    private final AtomicBoolean stop = new AtomicBoolean();
    /** Status (-1: transport failure) and latency of each completed request. */
    private final List<long[]> outcomes = Collections.synchronizedList(new ArrayList<>());

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
     * Starts the load: {@code threads} concurrent clients, at most {@code maxRequests} requests in all,
     * for at most {@code maxDuration}.
     *
     * @param request one request; returns the HTTP status, or throws on a transport failure
     */
    static Load start(int threads, int maxRequests, Duration maxDuration, IntSupplier request) {
        Load load = new Load(threads, maxRequests, maxDuration);
        for (int i = 0; i < threads; i++) {
            Thread.ofPlatform().name("load-" + i).daemon().start(() -> load.run(request));
        }
        return load;
    }

    /** Runs this many requests from this many clients and waits for them to end. */
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
                if (status < 200 || status >= 300) {
                    failures.add("status " + status);
                }
                outcomes.add(new long[] {status, System.nanoTime() - start});
            }
        } finally {
            done.countDown();
        }
    }

    /** Requests completed so far. */
    int completed() {
        return outcomes.size();
    }

    /** Asks the clients to stop after their current request. */
    void stop() {
        stop.set(true);
    }

    /** Waits for the load to end by itself (or after {@link #stop()}). */
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
        List<long[]> all = List.copyOf(outcomes);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        all.forEach(outcome -> byStatus.merge((int) outcome[0], 1, Integer::sum));
        List<Long> sorted = all.stream().map(outcome -> outcome[1]).sorted().toList();
        return new Result(
                all.size(),
                failures.size(),
                byStatus,
                List.copyOf(failures.subList(0, Math.min(5, failures.size()))),
                percentile(sorted, 0.50),
                percentile(sorted, 0.99),
                percentile(sorted, 1.0));
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
     * @param failed        requests that did not end in 2xx
     * @param statuses      requests by status (-1: transport failure)
     * @param failureSample the first few failures
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
