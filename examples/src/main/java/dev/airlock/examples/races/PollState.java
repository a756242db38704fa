package dev.airlock.examples.races;

/**
 * Main polls a worker's {@code getState()} until it sleeps, interrupts it, polls until it waits, interrupts
 * it again holding the worker's monitor, and prints what it saw. How many polls it took, and the last
 * line's clock digit, differ from run to run.
 */
public final class PollState {

    public static void main(String[] args) throws InterruptedException {
        Object lock = new Object();
        Thread worker = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                System.out.println("sleep interrupted");
            }
            synchronized (lock) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    System.out.println("wait interrupted");
                }
            }
        }, "worker");
        System.out.println("before start: " + worker.getState());
        worker.start();
        int polls = 0;
        while (worker.getState() != Thread.State.TIMED_WAITING) {
            polls++;
            Thread.sleep(1);
        }
        worker.interrupt();
        while (worker.getState() != Thread.State.WAITING) {
            polls++;
            Thread.sleep(1);
        }
        synchronized (lock) {
            worker.interrupt();
            Thread.sleep(20);
            System.out.println("while main holds the lock: " + worker.getState());
        }
        worker.join();
        System.out.println("after join: " + worker.getState() + "; polls " + polls + "; clock " + System.nanoTime() % 7);
    }
}
