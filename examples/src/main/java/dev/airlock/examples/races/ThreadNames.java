package dev.airlock.examples.races;

import java.util.concurrent.Executors;

/**
 * Four threads each start a thread without a name, and make one with a pool's thread factory: the default names
 * ({@code Thread-5}, {@code pool-3-thread-1}) count threads JVM-wide, so which parent's child gets
 * which number varies from run to run. The main thread prints them after all are done, and how many
 * threads were active when it started ({@code Thread.activeCount()}: 1, with or without Airlock).
 */
public final class ThreadNames {

    public static void main(String[] args) throws Exception {
        int activeAtStart = Thread.activeCount();
        String[] made = new String[4];
        Thread[] parents = new Thread[4];
        for (int p = 0; p < parents.length; p++) {
            int me = p;
            parents[p] = new Thread(() -> {
                try {
                    Thread child = new Thread(() -> { });
                    child.start();
                    child.join();
                    // what a pool's thread factory names its threads, without the pool's own timing
                    Thread pooled = Executors.defaultThreadFactory().newThread(() -> { });
                    made[me] = child.getName() + " " + pooled.getName();
                } catch (InterruptedException e) {
                    made[me] = e.toString();
                }
            }, "parent-" + p);
        }
        for (Thread t : parents) {
            t.start();
        }
        for (Thread t : parents) {
            t.join();
        }
        System.out.println(String.join(", ", made) + "; threads active at start: " + activeAtStart);
    }
}
