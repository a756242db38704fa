/*
 * Changed variant of dev.airlock.examples.Durations, NOT compiled by Maven.
 *
 * What differs: one extra System.nanoTime() call before the first measurement. Its value only
 * feeds "extra - extra", which is always zero, so the printed lines have the same shape as the
 * original's; what changes is the sequence of nanoTime() calls (seven instead of six).
 *
 * Why it exists: the divergence test records the original class, compiles this file with javac
 * into a separate folder, puts that folder ahead of the examples jar on the class path and replays.
 * Airlock must report that the replayed program no longer makes the recorded calls.
 */
package dev.airlock.examples;

public final class Durations {

    private static long sink;

    private Durations() {
    }

    public static void main(String[] args) {
        long extra = System.nanoTime();
        long zero = extra - extra;
        for (int i = 1; i <= 3; i++) {
            long start = System.nanoTime();
            sink += spin(i * 50_000);
            long end = System.nanoTime();
            System.out.println("duration " + i + ": " + (end - start + zero) + " ns");
        }
    }

    private static long spin(int iterations) {
        long acc = 0;
        for (int i = 0; i < iterations; i++) {
            acc = acc * 31 + i;
        }
        return acc;
    }
}
