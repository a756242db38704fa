package dev.airlock.examples.races;

import java.util.concurrent.TimeUnit;

/**
 * Two workers mark a shared log between {@code TimeUnit.MILLISECONDS.sleep} calls (2 and 3 ms), while
 * main waits on a monitor with {@code timedWait} and joins them with {@code timedJoin}. Where the marks
 * fall among each other (both are due every 6 ms) differs from run to run. {@code TimeUnit} calls
 * {@code Thread.sleep}, {@code wait} and {@code join} inside the JDK.
 */
public final class TimeUnitSleeps {

    private static final StringBuffer marks = new StringBuffer();

    public static void main(String[] args) throws InterruptedException {
        Object lock = new Object();
        Thread a = marker('a', 2);
        Thread b = marker('b', 3);
        synchronized (lock) {
            TimeUnit.MILLISECONDS.timedWait(lock, 5);
        }
        marks.append('M');
        TimeUnit.SECONDS.timedJoin(a, 5);
        TimeUnit.SECONDS.timedJoin(b, 5);
        System.out.println(marks + "; workers alive: " + (a.isAlive() || b.isAlive()));
    }

    private static Thread marker(char mark, long millis) {
        Thread t = new Thread(() -> {
            for (int i = 0; i < 8; i++) {
                try {
                    TimeUnit.MILLISECONDS.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
                marks.append(mark);
            }
        });
        t.start();
        return t;
    }
}
