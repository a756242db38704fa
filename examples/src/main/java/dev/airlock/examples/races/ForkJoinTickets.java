package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fork-join pool of four sums a range by splitting it in halves: each leaf takes a ticket from an
 * {@code AtomicLong} and logs its range and ticket to a synchronized list. Which worker steals which
 * half, and so the tickets and the log's order, vary from run to run; the sum does not. There is no
 * data race.
 */
public final class ForkJoinTickets {

    private static final AtomicLong tickets = new AtomicLong();
    private static final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private static final class Sum extends RecursiveTask<Long> {
        private final int from;
        private final int to;

        Sum(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        protected Long compute() {
            if (to - from <= 250) {
                long sum = 0;
                for (int i = from; i < to; i++) {
                    sum += i;
                }
                log.add(from + "#" + tickets.incrementAndGet());
                return sum;
            }
            int mid = (from + to) >>> 1;
            Sum left = new Sum(from, mid);
            left.fork();
            long right = new Sum(mid, to).compute();
            return left.join() + right;
        }
    }

    public static void main(String[] args) {
        ForkJoinPool pool = new ForkJoinPool(4);
        long sum = pool.invoke(new Sum(0, 8000));
        pool.shutdown();
        System.out.println("sum " + sum + ", leaves " + log.size() + ", log " + log);
    }
}
