package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A HashSet of plain objects, printed in iteration order: the order follows identity hash codes, and
 * which thread first hashes which object (so which hash it gets) is up to the race between them. Then
 * prints two objects as {@code Object.toString} shows them, hash included.
 */
public final class IdentityOrder {

    public static void main(String[] args) throws InterruptedException {
        List<Object> objects = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            objects.add(new Object());
        }
        ConcurrentLinkedQueue<Object> todo = new ConcurrentLinkedQueue<>(objects);
        Thread[] hashers = new Thread[3];
        for (int i = 0; i < hashers.length; i++) {
            hashers[i] = new Thread(() -> {
                for (Object o = todo.poll(); o != null; o = todo.poll()) {
                    o.hashCode();
                    long x = 0;
                    for (int n = 0; n < 5000; n++) {
                        x += n;
                    }
                }
            });
            hashers[i].start();
        }
        for (Thread t : hashers) {
            t.join();
        }
        Set<Object> set = new HashSet<>(objects);
        StringBuilder order = new StringBuilder();
        for (Object o : set) {
            order.append(objects.indexOf(o)).append(' ');
        }
        System.out.println("iteration order " + order.toString().trim());
        // Object.toString shows the identity hash too, as logs of objects without a toString of their own do
        System.out.println("first object " + objects.get(0) + ", a new one " + new Object());
    }
}
