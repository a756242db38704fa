package dev.airlock.examples.races;

/**
 * Four threads run {@code count++} on one unguarded field and {@code slots[i]++} on a shared array, with no
 * call between each read and its write. An update gets lost whenever another thread writes in between, so
 * the totals come out short by a different amount from run to run.
 */
public final class UnguardedIncrement {

    private static final int THREADS = 4;

    private static int count;
    private static final int[] slots = new int[2];

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        Thread[] workers = new Thread[THREADS];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Thread(() -> {
                for (int n = 0; n < rounds; n++) {
                    count++;
                    slots[n & 1]++;
                }
            });
            workers[i].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        int expected = THREADS * rounds;
        System.out.println("count " + count + " of " + expected + "; lost updates: " + (expected - count));
        System.out.println("slots " + (slots[0] + slots[1]) + " of " + expected + "; lost updates: "
            + (expected - slots[0] - slots[1]));
    }
}
