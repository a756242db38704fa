package dev.airlock.examples.races;

/**
 * Four threads add to one unguarded counter: a read, a call, a write. Updates get lost whenever another
 * thread writes in between, so the total is short by a different amount from run to run.
 */
public final class RacyCounter {

    private static int counter;

    public static void main(String[] args) throws InterruptedException {
        Thread[] workers = new Thread[4];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Thread(() -> {
                for (int n = 0; n < 20_000; n++) {
                    counter = plusOne(counter);
                }
            });
            workers[i].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.println("counter " + counter + " of 80000; lost updates: " + (80_000 - counter));
    }

    private static int plusOne(int v) {
        return v + 1;
    }
}
