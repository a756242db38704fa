package dev.airlock.examples.races;

import java.util.Hashtable;
import java.util.List;
import java.util.Vector;

/**
 * A check-then-act made atomic the documented way: inside {@code synchronized} on a {@code Vector}, a
 * {@code Hashtable} and a {@code StringBuffer}, whose own {@code synchronized} methods lock the same
 * object, so the other threads' direct {@code add}, {@code put} and {@code append} wait until the block
 * ends. The main thread checks that nothing changed the object inside its block; with or without
 * Airlock nothing ever does.
 */
public final class GuardedLegacyCollections {

    private static final Vector<Integer> vector = new Vector<>();
    private static final List<Integer> list = new Vector<>();
    private static final Hashtable<Integer, Integer> table = new Hashtable<>();
    private static final StringBuffer buffer = new StringBuffer();

    public static void main(String[] args) throws InterruptedException {
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            int id = w;
            writers[w] = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    vector.add(i);
                    list.add(i);
                    table.put(10_000 * (id + 1) + i, i);
                    buffer.append('w');
                }
            });
            writers[w].start();
        }
        int broken = 0;
        for (int i = 0; i < 300; i++) {
            synchronized (vector) {
                int before = vector.size();
                settle(i);
                vector.add(-i);
                broken += vector.size() == before + 1 ? 0 : 1;
            }
            synchronized (list) {
                int before = list.size();
                settle(i);
                list.add(-i);
                broken += list.size() == before + 1 ? 0 : 1;
            }
            synchronized (table) {
                int before = table.size();
                settle(i);
                table.put(-i - 1, i);
                broken += table.size() == before + 1 ? 0 : 1;
            }
            synchronized (buffer) {
                int before = buffer.length();
                settle(i);
                buffer.append('m');
                broken += buffer.length() == before + 1 ? 0 : 1;
            }
        }
        for (Thread t : writers) {
            t.join();
        }
        System.out.println("blocks another thread got into: " + broken + "; sizes " + vector.size() + " " + list.size()
            + " " + table.size() + " " + buffer.length());
    }

    /** Some work inside the block, where another thread could get in if the block did not keep it out. */
    private static int settle(int i) {
        int x = 0;
        for (int k = 0; k < 50; k++) {
            x += step(k + i);
        }
        return x;
    }

    private static int step(int k) {
        return k % 3;
    }
}
