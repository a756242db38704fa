package dev.airlock.examples.races;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Three threads take numbers from a queue and fold them into a map and a log, each a concurrent collection
 * held and called through its interface ({@code Queue}, {@code Map}, {@code List}), as most code does. No
 * data race; which thread takes which number, the folded value and the log differ from run to run.
 */
public final class InterfaceCalls {

    public static void main(String[] args) throws InterruptedException {
        Map<String, Integer> folded = new ConcurrentHashMap<>();
        List<String> log = new CopyOnWriteArrayList<>();
        Queue<Integer> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 400; i++) {
            queue.offer(i);
        }
        Thread[] workers = new Thread[3];
        for (int w = 0; w < workers.length; w++) {
            String name = "w" + w;
            workers[w] = new Thread(() -> {
                Integer n;
                while ((n = queue.poll()) != null) {
                    // not commutative: the result depends on the order of the merges
                    folded.merge("k", n, (a, b) -> (a * 31 + b) % 1_000_003);
                    if (n % 50 == 0) {
                        log.add(name + ":" + n);
                    }
                }
            });
            workers[w].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.println("folded " + folded.get("k") + "; log " + log);
    }
}
