package dev.airlock.examples.races;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;

/**
 * An event source keeps its listeners in a {@code CopyOnWriteArrayList}, as many do: one thread
 * registers listeners while the main thread fires events. Each event reaches the listeners registered
 * when its loop began (an iterator of a copy-on-write list is a snapshot), so how many each event
 * reached varies from run to run, without a data race.
 */
public final class ListenersWhileAdded {

    public static void main(String[] args) throws InterruptedException {
        List<IntUnaryOperator> listeners = new CopyOnWriteArrayList<>();
        Thread registrar = new Thread(() -> {
            for (int i = 0; i < 400; i++) {
                int weight = i;
                listeners.add(x -> x + weight);
            }
        });
        registrar.start();
        StringBuilder reached = new StringBuilder();
        for (int event = 0; event < 8; event++) {
            int count = 0;
            long sum = 0;
            for (IntUnaryOperator l : listeners) {
                sum += l.applyAsInt(event);
                count++;
            }
            reached.append(count).append('/').append(sum % 1000).append(' ');
            Thread.sleep(1);
        }
        registrar.join();
        System.out.println("events reached " + reached.toString().trim() + "; listeners " + listeners.size());
    }
}
