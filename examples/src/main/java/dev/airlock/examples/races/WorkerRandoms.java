package dev.airlock.examples.races;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Three workers, one after another, each draw from their own {@code ThreadLocalRandom}: the numbers
 * differ from run to run. The JDK adds each thread's JVM id to its seed on every draw, and JVM ids are
 * not the same on replay.
 */
public final class WorkerRandoms {

    public static void main(String[] args) throws InterruptedException {
        StringBuilder drawn = new StringBuilder();
        for (int w = 0; w < 3; w++) {
            Thread worker = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                drawn.append(Thread.currentThread().getName()).append(": ").append(random.nextInt(1000)).append(' ')
                    .append(random.nextLong(1000)).append(' ').append(random.nextDouble() < 0.5).append('\n');
            }, "worker-" + w);
            worker.start();
            worker.join();
        }
        System.out.print(drawn);
    }
}
