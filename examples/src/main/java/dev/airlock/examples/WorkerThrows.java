package dev.airlock.examples;

import java.util.Random;

/**
 * A worker thread draws a number and fails on it with an uncaught exception; {@code main} waits for
 * it, prints what it saw and exits with code 3. For {@code --stop-at-exception} and
 * {@code --stop-at-exit}. Expected output: {@code worker drew <n>}, then {@code worker ended:
 * IllegalArgumentException}; exit code 3.
 */
public final class WorkerThrows {

    private static volatile String ended = "normally";

    private WorkerThrows() {
    }

    public static void main(String[] args) throws Exception {
        Thread worker = new Thread(WorkerThrows::work, "worker-1");
        worker.setUncaughtExceptionHandler((t, e) -> ended = e.getClass().getSimpleName());
        worker.start();
        worker.join();
        System.out.println("worker ended: " + ended);
        System.exit(3);
    }

    private static void work() {
        int drawn = new Random().nextInt(1000);
        System.out.println("worker drew " + drawn);
        process(drawn);
    }

    private static void process(int drawn) {
        throw new IllegalArgumentException("cannot process " + drawn); // throws-here
    }
}
