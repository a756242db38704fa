package dev.airlock.examples.races;

/**
 * Two threads take two locks in opposite orders: sometimes they deadlock. A watchdog sees that neither
 * made progress and reports the deadlock and where each thread was.
 */
public final class LockOrder {

    private static final Object a = new Object();
    private static final Object b = new Object();
    private static volatile int first;
    private static volatile int second;

    public static void main(String[] args) throws InterruptedException {
        Thread t1 = new Thread(() -> {
            for (int i = 0; i < 300; i++) {
                synchronized (a) {
                    work();
                    synchronized (b) {
                        first++;
                    }
                }
            }
        });
        Thread t2 = new Thread(() -> {
            for (int i = 0; i < 300; i++) {
                synchronized (b) {
                    work();
                    synchronized (a) {
                        second++;
                    }
                }
            }
        });
        t1.setDaemon(true);
        t2.setDaemon(true);
        t1.start();
        t2.start();
        int lastFirst = -1;
        int lastSecond = -1;
        while (t1.isAlive() || t2.isAlive()) {
            Thread.sleep(50);
            if (first == lastFirst && second == lastSecond && first < 300 && second < 300) {
                System.out.println("deadlock after " + first + " and " + second + " rounds");
                System.exit(3);
            }
            lastFirst = first;
            lastSecond = second;
        }
        System.out.println("no deadlock: " + first + " and " + second + " rounds");
    }

    private static void work() {
        long x = 0;
        for (int i = 0; i < 200; i++) {
            x += i;
        }
        if (x < 0) {
            System.out.println(x);
        }
    }
}
