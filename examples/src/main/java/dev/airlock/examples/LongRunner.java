package dev.airlock.examples;

/**
 * A long stream of {@code System.nanoTime()} calls: for truncation tests (a long recording) and JIT
 * warm-up tests (calls made after C2 has compiled {@link #nextDelta()} must still be recorded and
 * replayed). The clock is read in its own small method so it is compiled as a normal method, not
 * only through on-stack replacement of the loop.
 *
 * <p>Arguments: iterations (default 200000), print interval (default 20000). Expected output: one
 * {@code iteration <i>: delta <ns> ns} line per interval, then {@code sum: <sum of all deltas mod 1000>}.
 * Plain runs differ; a replay reproduces every line. Exits with code 0.
 */
public final class LongRunner {

    private static long previous;

    private LongRunner() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int interval = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;

        previous = System.nanoTime();
        long sum = 0;
        for (int i = 1; i <= iterations; i++) {
            long delta = nextDelta();
            sum += delta;
            if (i % interval == 0) {
                System.out.println("iteration " + i + ": delta " + delta + " ns");
            }
        }
        System.out.println("sum: " + Math.floorMod(sum, 1000L));
    }

    private static long nextDelta() {
        long now = System.nanoTime();
        long delta = now - previous;
        previous = now;
        return delta;
    }
}
