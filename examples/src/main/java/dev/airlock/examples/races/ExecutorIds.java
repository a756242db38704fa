package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** Tasks on a pool draw ids from an AtomicLong; which task gets which id, and which gets time out, varies. */
public final class ExecutorIds {

    public static void main(String[] args) throws Exception {
        AtomicLong ids = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> results = new ArrayList<>();
        for (int task = 0; task < 12; task++) {
            int n = task;
            results.add(pool.submit(() -> {
                long id = ids.incrementAndGet();
                long work = 0;
                for (int i = 0; i < 20_000 * (n % 4 + 1); i++) {
                    work += i % 7;
                }
                return "task " + n + " id " + id + " (" + (work % 10) + ")";
            }));
        }
        StringBuilder out = new StringBuilder();
        int timedOut = 0;
        for (Future<String> f : results) {
            try {
                out.append(f.get(2, TimeUnit.MILLISECONDS)).append("; ");
            } catch (TimeoutException e) {
                timedOut++;
                out.append(f.get()).append(" (late); ");
            }
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println(out + "late: " + timedOut);
    }
}
