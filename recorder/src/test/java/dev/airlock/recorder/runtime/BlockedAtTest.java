package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BlockedAtTest {

    private final Object lock = new Object();
    private final CountDownLatch release = new CountDownLatch(1);

    @Test
    void two_threads_blocked_at_one_place_hash_alike_and_another_place_hashes_otherwise() throws Exception {
        Thread first = park(this::waitHere);
        Thread second = park(this::waitHere);
        Thread elsewhere = park(this::waitThere);
        try {
            int here = BlockedAt.of(first);
            assertEquals(here, BlockedAt.of(second));
            assertNotEquals(here, BlockedAt.of(elsewhere));
            assertNotEquals(0, here);
        } finally {
            release.countDown();
            synchronized (lock) {
                lock.notifyAll();
            }
            for (Thread t : new Thread[] {first, second, elsewhere}) {
                t.join();
            }
        }
    }

    private Thread park(Runnable body) throws InterruptedException {
        Thread t = new Thread(body);
        t.start();
        while (t.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        return t;
    }

    private void waitHere() {
        await();
    }

    /** Blocked in another JDK method (this class's own frames are Airlock's, so they do not count). */
    private void waitThere() {
        synchronized (lock) {
            while (release.getCount() > 0) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void await() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
