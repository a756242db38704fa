package dev.airlock.examples;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A CPU- and lock-heavy workload without data races, for overhead measurements: four threads each run
 * {@code args[0]} rounds (default 2,000,000) of a little arithmetic, then add to totals under a
 * {@code synchronized} block and under a {@code ReentrantLock}. {@code args[1]} (default 0) adds as many
 * more rounds of the arithmetic (about 3 ns each) outside the locks, for workloads that synchronize
 * less densely. {@code args[2]} (default 1) runs the workers that many times over in one JVM and prints
 * each time's wall time on stderr, for timings without the JVM's start-up and warm-up. The output (the
 * totals) is the same on every run.
 */
public final class LockHeavy {

    private static final Object MONITOR = new Object();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static long monitorTotal;
    private static long lockTotal;

    private LockHeavy() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        int work = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            runWorkers(rounds, work);
            if (repeats > 1) {
                System.err.println("workers took " + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
        }
        System.out.println("monitor total " + monitorTotal + ", lock total " + lockTotal);
    }

    private static void runWorkers(int rounds, int work) throws InterruptedException {
        Thread[] workers = new Thread[4];
        for (int w = 0; w < workers.length; w++) {
            int seed = w + 1;
            workers[w] = new Thread(() -> {
                long x = seed;
                for (int i = 0; i < rounds; i++) {
                    x = mix(x + i);
                    for (int extra = 0; extra < work; extra++) {
                        x = mix(x);
                    }
                    synchronized (MONITOR) {
                        monitorTotal += x & 0xFF;
                    }
                    LOCK.lock();
                    try {
                        lockTotal += (x >>> 8) & 0xFF;
                    } finally {
                        LOCK.unlock();
                    }
                }
            }, "worker-" + w);
            workers[w].start();
        }
        for (Thread t : workers) {
            t.join();
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
