package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * Three threads meet at a {@code CyclicBarrier} after each round of work. {@code await} returns a
 * thread's arrival index, and the last to arrive runs the barrier's action: both vary from run to run,
 * without a data race.
 */
public final class BarrierRounds {

    private static final List<String> trippedBy = new ArrayList<>();

    public static void main(String[] args) throws InterruptedException {
        CyclicBarrier barrier = new CyclicBarrier(3, () -> {
            synchronized (trippedBy) {
                trippedBy.add(Thread.currentThread().getName().substring(7));
            }
        });
        int[][] arrivals = new int[3][12];
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            int[] mine = arrivals[t];
            int id = t;
            threads[t] = new Thread(() -> {
                for (int round = 0; round < mine.length; round++) {
                    long x = 0;
                    for (int k = 0; k < 20_000 + 3_000 * ((round + id) % 3); k++) {
                        x += k % 7;
                    }
                    try {
                        mine[round] = barrier.await() + (x == 42 ? 10 : 0);
                    } catch (InterruptedException | BrokenBarrierException e) {
                        return;
                    }
                }
            }, "worker-" + t);
            threads[t].start();
        }
        StringBuilder out = new StringBuilder();
        for (int t = 0; t < threads.length; t++) {
            threads[t].join();
            out.append(" w").append(t).append('=');
            for (int a : arrivals[t]) {
                out.append(a);
            }
        }
        System.out.println("tripped by " + String.join("", trippedBy) + ";" + out);
    }
}
