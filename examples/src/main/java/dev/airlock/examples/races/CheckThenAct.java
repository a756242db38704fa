package dev.airlock.examples.races;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Three threads claim keys of a shared map with check-then-act: who wins each key, and how many keys get claimed twice, varies. */
public final class CheckThenAct {

    private static final Map<Integer, String> owners = new HashMap<>();
    private static int doubleClaims;

    public static void main(String[] args) throws InterruptedException {
        Thread[] workers = new Thread[3];
        for (int i = 0; i < workers.length; i++) {
            String name = "w" + i;
            workers[i] = new Thread(() -> {
                for (int k = 0; k < 3000; k++) {
                    if (!owners.containsKey(k % 500)) {
                        claim(k % 500, name);
                    }
                }
            });
            workers[i].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        Map<String, Integer> won = new TreeMap<>();
        synchronized (owners) {
            owners.values().forEach(v -> won.merge(v, 1, Integer::sum));
        }
        System.out.println("keys won " + won + "; claimed twice " + doubleClaims);
    }

    private static void claim(int key, String name) {
        if (owners.put(key, name) != null) {
            doubleClaims++;
        }
    }
}
