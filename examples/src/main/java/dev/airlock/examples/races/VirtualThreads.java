package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Eight virtual threads (Java 21+) add to one unguarded counter (a read, a call, a write), sleep a
 * millisecond, and sign a shared list: the total and the signing order differ from run to run. On a JDK
 * without virtual threads it says so.
 */
public final class VirtualThreads {

    private static int counter;

    public static void main(String[] args) throws Exception {
        ExecutorService pool = VirtualThreadPool.perTaskOrSayWhyNot();
        if (pool == null) {
            return;
        }
        List<String> signed = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < 8; i++) {
                String name = "v" + i;
                pool.submit(() -> {
                    for (int n = 0; n < 5_000; n++) {
                        counter = plusOne(counter);
                    }
                    Thread.sleep(1);
                    signed.add(name + (Thread.currentThread().getClass().getSimpleName().contains("Virtual") ? ""
                        : "(platform?)"));
                    return null;
                });
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        }
        System.out.println("counter " + counter + " of 40000; signed " + signed);
    }

    private static int plusOne(int v) {
        return v + 1;
    }
}
