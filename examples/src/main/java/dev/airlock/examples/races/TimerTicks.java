package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;

/**
 * A {@code java.util.Timer} ticks every 2 ms while main sleeps 30 ms and a worker adds its own marks;
 * then main cancels the timer. How many ticks ran, and where the worker's marks fell among them, differ
 * from run to run: the timer's thread waits inside the JDK, on its queue's monitor, until a task is due
 * by its own clock.
 */
public final class TimerTicks {

    public static void main(String[] args) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        Timer timer = new Timer("ticker", true);
        timer.scheduleAtFixedRate(new TimerTask() {
            private int ticks;

            @Override
            public void run() {
                synchronized (seen) {
                    seen.add("t" + ++ticks);
                }
            }
        }, 0, 2);
        Thread worker = new Thread(() -> {
            for (int i = 0; i < 3; i++) {
                try {
                    Thread.sleep(7);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (seen) {
                    seen.add("W");
                }
            }
        });
        worker.start();
        Thread.sleep(30);
        timer.cancel();
        worker.join();
        synchronized (seen) {
            System.out.println(seen.size() + " marks: " + String.join(" ", seen));
        }
    }
}
