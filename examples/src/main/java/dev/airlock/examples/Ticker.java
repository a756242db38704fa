package dev.airlock.examples;

import java.util.Random;

/**
 * Prints a tick every 20 ms with the elapsed {@code System.nanoTime()} and a random number, for the
 * given number of ticks (default: until killed). Used by the crash tests: the recorder is killed with
 * {@code kill -9} part-way and the replay must run up to the last recorded tick and report the end.
 */
public final class Ticker {

    private Ticker() {
    }

    public static void main(String[] args) throws InterruptedException {
        long ticks = args.length > 0 ? Long.parseLong(args[0]) : Long.MAX_VALUE;
        Random random = new Random();
        long start = System.nanoTime();
        for (long i = 1; i <= ticks; i++) {
            System.out.println("tick " + i + " at " + (System.nanoTime() - start) / 1_000_000 + " ms: "
                + random.nextInt(1000));
            Thread.sleep(20);
        }
    }
}
