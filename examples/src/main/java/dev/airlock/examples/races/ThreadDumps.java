package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Looks at other threads' stacks, as a watchdog or a diagnostics page does: where a busy thread is, five
 * times ({@code Thread.getStackTrace}), where a waiting one is, and every thread's depth
 * ({@code Thread.getAllStackTraces}). Where the busy thread is differs from run to run.
 */
public final class ThreadDumps {

    private static volatile boolean stop;
    private static long spins;

    public static void main(String[] args) throws InterruptedException {
        Object lock = new Object();
        Thread busy = new Thread(() -> {
            try {
                while (!stop) {
                    spin();
                    Thread.sleep(0, 300_000);
                }
            } catch (InterruptedException e) {
                // asked to end
            }
        }, "busy");
        Thread waiter = new Thread(() -> {
            synchronized (lock) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    // asked to end
                }
            }
        }, "waiter");
        busy.start();
        waiter.start();
        Thread.sleep(100);
        StringBuilder where = new StringBuilder("busy in");
        for (int i = 0; i < 5; i++) {
            StackTraceElement[] s = busy.getStackTrace();
            where.append(' ').append(s.length > 0 ? s[0].getMethodName() : "-");
            Thread.sleep(3);
        }
        System.out.println(where);
        System.out.println("waiter at " + Arrays.toString(waiter.getStackTrace()));
        Map<Thread, StackTraceElement[]> all = Thread.getAllStackTraces();
        List<String> depths = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : all.entrySet()) {
            if (e.getKey() == busy || e.getKey() == waiter || e.getKey() == Thread.currentThread()) {
                depths.add(e.getKey().getName() + "=" + e.getValue().length);
            }
        }
        Collections.sort(depths);
        System.out.println("depths " + depths);
        stop = true;
        busy.join();
        waiter.interrupt();
        waiter.join();
    }

    private static void spin() {
        for (int i = 0; i < 400_000; i++) {
            spins += i % 7 == 0 ? deeper(i) : 1;
        }
    }

    private static long deeper(int i) {
        return Long.numberOfTrailingZeros(i) + spins % 3;
    }
}
