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

    @Test
    void a_lambdas_class_counts_by_its_owner_not_by_the_number_this_run_gave_it() {
        StackTraceElement[] recorded = {new StackTraceElement("app.Main", "read", "Main.java", 62),
            new StackTraceElement("app.Main$$Lambda$241/0x00007fda2814fa50", "run", null, -1)};
        StackTraceElement[] replayed = {new StackTraceElement("app.Main", "read", "Main.java", 62),
            new StackTraceElement("app.Main$$Lambda$233/0x00007f0180151aa8", "run", null, -1)};
        assertEquals(BlockedAt.of(recorded), BlockedAt.of(replayed));
        assertEquals("app.Main", BlockedAt.stableName("app.Main$$Lambda$233/0x00007f0180151aa8"));
        assertEquals("app.Main$Inner", BlockedAt.stableName("app.Main$Inner"));
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
