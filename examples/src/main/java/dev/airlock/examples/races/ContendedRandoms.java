package dev.airlock.examples.races;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * Four threads count on one {@code LongAdder}, then draw from {@code ThreadLocalRandom}. The JDK seeds a
 * thread's {@code ThreadLocalRandom} the first time the thread needs it: for a thread that collided
 * with another on the adder, inside the adder (which uses the thread's random probe to spread the
 * load), else at its first draw. Which threads collide, and when (between which of their clock reads),
 * varies from run to run; the numbers each thread draws vary too (seeds are random).
 */
public final class ContendedRandoms {

    public static void main(String[] args) throws InterruptedException {
        LongAdder adder = new LongAdder();
        long[][] draws = new long[4][3];
        Thread[] threads = new Thread[draws.length];
        for (int t = 0; t < threads.length; t++) {
            long[] mine = draws[t];
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    adder.increment();
                    if (i % 2_000 == 0) {
                        System.nanoTime(); // a recorded read among the thread's increments
                    }
                }
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = ThreadLocalRandom.current().nextInt(1000);
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        StringBuilder out = new StringBuilder();
        for (int t = 0; t < threads.length; t++) {
            threads[t].join();
            out.append(" t").append(t).append('=').append(draws[t][0]).append(',').append(draws[t][1]).append(',')
                .append(draws[t][2]);
        }
        System.out.println("counted " + adder.sum() + ";" + out);
    }
}
