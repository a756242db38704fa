package dev.airlock.examples.races;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;

/** One producer, three consumers over a BlockingQueue: which consumer takes which item varies. */
public final class QueueConsumers {

    public static void main(String[] args) throws InterruptedException {
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(8);
        int consumers = 3;
        int[] taken = new int[consumers];
        long[] sums = new long[consumers];
        Thread[] threads = new Thread[consumers];
        for (int c = 0; c < consumers; c++) {
            int me = c;
            threads[c] = new Thread(() -> {
                try {
                    for (int item = queue.take(); item >= 0; item = queue.take()) {
                        taken[me]++;
                        sums[me] += item * (long) item;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads[c].start();
        }
        for (int i = 0; i < 2000; i++) {
            queue.put(i);
        }
        for (int c = 0; c < consumers; c++) {
            queue.put(-1);
        }
        for (Thread t : threads) {
            t.join();
        }
        StringBuilder out = new StringBuilder();
        for (int c = 0; c < consumers; c++) {
            out.append("consumer ").append(c).append(" took ").append(taken[c]).append(" (sum of squares ")
                .append(sums[c]).append(") ");
        }
        System.out.println(out.toString().trim());
    }
}
