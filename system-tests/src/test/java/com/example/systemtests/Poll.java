package com.example.systemtests;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/**
 * Bounded polling with Awaitility: the tests wait for conditions, never for fixed times, and learn
 * how long each wait took, which the [figures] lines report.
 */
final class Poll {

    private Poll() {}

    /**
     * Waits until the condition holds, and returns how long it took: a runtime exception counts as
     * "not yet", an assertion failure fails at once.
     */
    static Duration until(String what, Duration timeout, BooleanSupplier condition) {
        long start = System.nanoTime();
        Awaitility.await(what)
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(RuntimeException.class)
                .until(condition::getAsBoolean);
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
