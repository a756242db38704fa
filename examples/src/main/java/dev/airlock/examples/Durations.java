package dev.airlock.examples;

/**
 * Prints three durations, each measured with two {@code System.nanoTime()} calls around a busy loop.
 *
 * <p>Expected output: three lines {@code duration N: <ns> ns}; plain runs differ, a replay of the
 * same class reproduces them. The divergence test records this class, then replays with
 * {@code src/main/variants/Durations.java} (one extra {@code nanoTime()} call) in its place and
 * expects Airlock to report the divergence. Exits with code 0.
 */
public final class Durations {

    private static long sink;

    private Durations() {
    }

    public static void main(String[] args) {
        for (int i = 1; i <= 3; i++) {
            long start = System.nanoTime();
            sink += spin(i * 50_000);
            long end = System.nanoTime();
            System.out.println("duration " + i + ": " + (end - start) + " ns");
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
