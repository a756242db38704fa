package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Eight virtual threads (Java 21+) each take five tickets from an {@code AtomicLong}, sleeping a
 * millisecond between them, and log each to a synchronized list: which thread got which ticket varies
 * from run to run. There is no data race. On a JDK without virtual threads it says so.
 */
public final class VirtualTickets {

    public static void main(String[] args) throws Exception {
        ExecutorService pool = VirtualThreadPool.perTaskOrSayWhyNot();
        if (pool == null) {
            return;
        }
        AtomicLong tickets = new AtomicLong();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < 8; i++) {
                String name = "v" + i;
                pool.submit(() -> {
                    for (int n = 0; n < 5; n++) {
                        log.add(name + "#" + tickets.incrementAndGet());
                        Thread.sleep(1);
                    }
                    return null;
                });
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        System.out.println("tickets " + log.size() + ", log " + log);
    }
}
