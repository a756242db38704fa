package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Vector;

/**
 * Three threads share the JDK's thread-safe legacy classes without a data race: a {@code StringBuffer},
 * a {@code Vector} (through {@code List} too), a {@code Hashtable}, a {@code PrintWriter} and synchronized
 * wrappers from {@code Collections}, one of them also locked by the program around a check-then-add, as their
 * documentation asks, and {@code System.out}. Each class synchronizes inside its own methods, so the order
 * of the threads' calls, and so what the collections end up holding and the order of the lines printed,
 * varies from run to run.
 */
public final class SynchronizedCollections {

    private static final StringBuffer trail = new StringBuffer();
    private static final Vector<Integer> vector = new Vector<>();
    private static final List<Integer> asList = new Vector<>();
    private static final Hashtable<Integer, String> owners = new Hashtable<>();
    private static final List<String> wrapped = Collections.synchronizedList(new ArrayList<>());
    private static final Map<Integer, Integer> wrappedMap = Collections.synchronizedMap(new TreeMap<>());
    private static final java.io.StringWriter text = new java.io.StringWriter();
    private static final java.io.PrintWriter writer = new java.io.PrintWriter(text);

    public static void main(String[] args) throws InterruptedException {
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> work(id));
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("trail " + Integer.toHexString(trail.toString().hashCode()) + " (" + trail.length() + ")");
        System.out.println("vector " + Integer.toHexString(vector.hashCode()) + ", list " + Integer.toHexString(asList.hashCode()));
        System.out.println("owners " + Integer.toHexString(owners.hashCode()));
        System.out.println("wrapped " + Integer.toHexString(wrapped.hashCode()) + " (" + wrapped.size() + ")");
        System.out.println("wrapped map " + wrappedMap);
        writer.flush();
        System.out.println("written " + Integer.toHexString(text.toString().hashCode()));
    }

    private static void work(int id) {
        for (int i = 0; i < 300; i++) {
            busy(i);
            trail.append(id);
            vector.add(id);
            asList.add(i * 3 + id);
            owners.putIfAbsent(i, "t" + id);
            wrapped.add(id + ":" + i);
            synchronized (wrapped) {
                if (!wrapped.contains("first " + i)) {
                    wrapped.add("first " + i);
                }
            }
            wrappedMap.merge(i % 5, id, (a, b) -> a * 3 + b);
            writer.println(id + ":" + i);
            if (i % 60 == 59) {
                System.out.println("thread " + id + " at " + i);
            }
        }
    }

    private static void busy(int i) {
        long x = 0;
        for (int k = 0; k < 2_000 + i % 7 * 300; k++) {
            x += k % 5;
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
