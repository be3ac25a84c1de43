package com.example.payments.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Tasks released at one moment, as callers retrying together or instances starting together. */
final class AtOnce {

    private AtOnce() {}

    /**
     * Runs the tasks on a pool of {@code threads}, each waiting until all are submitted, and returns
     * their results in the tasks' order (or throws what a task threw).
     */
    static <T> List<T> run(int threads, List<? extends Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> running = new ArrayList<>();
            for (Callable<T> task : tasks) {
                running.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> result : running) {
                results.add(result.get());
            }
            return results;
        }
    }
}
