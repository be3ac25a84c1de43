package com.example.systemtests;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded polling: the tests wait for conditions, never for fixed times.
 */
final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(50);

    private Poll() {}

    /**
     * Waits until the condition holds.
     *
     * @param what      what is awaited, for the failure message
     * @param timeout   the longest wait
     * @param condition the condition; an exception counts as "not yet"
     * @return how long it took
     * @throws AssertionError when the condition does not hold within the timeout
     */
    static Duration until(String what, Duration timeout, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            boolean holds;
            try {
                holds = condition.getAsBoolean();
            } catch (RuntimeException notYet) {
                holds = false;
            }
            if (holds) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            sleep(INTERVAL);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
