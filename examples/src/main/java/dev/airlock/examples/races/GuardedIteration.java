package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;

/**
 * The documented way to iterate a {@code Collections.synchronizedList} or {@code synchronizedMap}: inside
 * {@code synchronized} on it, which keeps out the {@code add} of other threads (the wrapper's own
 * methods lock the same object). Two
 * writers add while the main thread iterates; it never sees a concurrent modification, with or without
 * Airlock.
 */
public final class GuardedIteration {

    public static void main(String[] args) throws InterruptedException {
        List<Integer> list = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> map = Collections.synchronizedMap(new java.util.HashMap<>());
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            writers[w] = new Thread(() -> {
                for (int i = 0; i < 3000; i++) {
                    list.add(i);
                    map.merge(i, 1, Integer::sum);
                }
            });
            writers[w].start();
        }
        int modified = 0;
        long sum = 0;
        for (int pass = 0; pass < 40; pass++) {
            try {
                synchronized (list) {
                    for (int x : list) {
                        sum += x;
                    }
                }
                synchronized (map) {
                    for (int x : map.values()) {
                        sum += x;
                    }
                }
            } catch (ConcurrentModificationException e) {
                modified++;
            }
        }
        for (Thread t : writers) {
            t.join();
        }
        System.out.println("concurrent modifications seen: " + modified + "; sizes " + list.size() + " "
            + map.size());
    }
}
