package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Four threads share two permits of a {@code Semaphore}, as a connection pool of two would: each tries
 * for a permit and, when none is free, notes that and waits for one. Which thread got a permit at once,
 * and the order of the log, vary from run to run; there is no data race.
 */
public final class PermitPool {

    private static final Semaphore permits = new Semaphore(2);
    private static final List<String> log = new ArrayList<>();

    public static void main(String[] args) throws InterruptedException {
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 40; i++) {
                    try {
                        use(id, i);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long waited = log.stream().filter(e -> e.endsWith("waited")).count();
        System.out.println("uses " + log.size() + ", waited " + waited + ", log " + Integer.toHexString(log.hashCode()));
    }

    private static void use(int id, int i) throws InterruptedException {
        String how = "at once";
        if (!permits.tryAcquire()) {
            how = "waited";
            if (!permits.tryAcquire(1, 5, TimeUnit.SECONDS)) {
                how = "timed out";
                permits.acquire();
            }
        }
        try {
            synchronized (log) {
                log.add(id + "." + i + " " + how);
            }
            long x = 0;
            for (int k = 0; k < 5_000 + 700 * (i % 5); k++) {
                x += k % 3;
            }
            if (x == 42) {
                System.out.print("");
            }
        } finally {
            permits.release();
        }
    }
}
