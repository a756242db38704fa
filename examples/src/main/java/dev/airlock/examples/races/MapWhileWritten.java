package dev.airlock.examples.races;

import java.util.concurrent.ConcurrentHashMap;

/** Main iterates a ConcurrentHashMap while a writer fills it: what each pass sees varies. */
public final class MapWhileWritten {

    public static void main(String[] args) throws InterruptedException {
        ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>();
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                map.put(i, i);
            }
        });
        writer.start();
        while (map.isEmpty()) {
            Thread.onSpinWait();
        }
        StringBuilder seen = new StringBuilder();
        for (int pass = 0; pass < 5; pass++) {
            int count = 0;
            for (Integer k : map.keySet()) {
                count += k >= 0 ? 1 : 0;
            }
            seen.append(count).append(' ');
        }
        writer.join();
        System.out.println("passes saw " + seen.toString().trim() + "; final " + map.size());
    }
}
