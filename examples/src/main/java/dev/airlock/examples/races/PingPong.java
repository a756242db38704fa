package dev.airlock.examples.races;

/** Two threads take turns through wait/notify with short timeouts; how many waits time out varies. */
public final class PingPong {

    private static final Object lock = new Object();
    private static boolean pingsTurn = true;
    private static int timeouts;
    private static int waits;

    public static void main(String[] args) throws InterruptedException {
        Thread ping = new Thread(() -> play(true));
        Thread pong = new Thread(() -> play(false));
        ping.start();
        pong.start();
        ping.join();
        pong.join();
        boolean held;
        synchronized (lock) {
            held = Thread.holdsLock(lock); // true in every mode: serial mode answers from its own monitors
        }
        System.out.println("500 rounds; " + waits + " waits, " + timeouts + " ended before the other moved; "
            + "holdsLock inside synchronized: " + held);
    }

    private static void play(boolean isPing) {
        for (int round = 0; round < 500; round++) {
            synchronized (lock) {
                while (pingsTurn != isPing) {
                    waits++;
                    try {
                        lock.wait(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (pingsTurn != isPing) {
                        timeouts++; // woken by the timeout (or a notifyAll meant for no one), not the other's move
                    }
                }
                pingsTurn = !isPing;
                lock.notifyAll();
            }
        }
    }
}
