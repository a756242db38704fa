package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.airlock.bridge.JdkThrown;
import org.junit.jupiter.api.Test;

/** The exceptions the scheduler and the replay throw for the JDK are the JDK's own, thrown at once. */
class JdkThrownTest {

    private static String top(Throwable t) {
        StackTraceElement f = t.getStackTrace()[0];
        return f.getClassName() + "." + f.getMethodName();
    }

    @Test
    void an_interrupted_sleep_is_thrown_by_thread_sleep_and_clears_the_flag() {
        InterruptedException e = JdkThrown.sleepInterrupted();
        assertEquals("sleep interrupted", e.getMessage());
        assertEquals("java.lang.Thread", e.getStackTrace()[0].getClassName());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void an_interrupted_wait_is_thrown_by_object_wait() {
        assertEquals("java.lang.Object.wait", top(JdkThrown.waitInterrupted(new Object(), 0, 0)));
        assertEquals("java.lang.Object.wait", top(JdkThrown.waitInterrupted(new Object(), 10, 0)));
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void an_interrupted_join_of_a_live_thread_is_thrown_by_the_jdk() throws Exception {
        Thread sleeper = new Thread(() -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                // done
            }
        });
        sleeper.start();
        try {
            InterruptedException e = JdkThrown.joinInterrupted(sleeper, 0, 0);
            assertFalse(e.getStackTrace()[0].getClassName().startsWith("dev.airlock."), top(e));
        } finally {
            sleeper.interrupt();
            sleeper.join();
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void a_monitor_not_owned_is_reported_by_object_notify_and_wait() {
        IllegalMonitorStateException notify = JdkThrown.notOwner(new Object(), JdkThrown.NOTIFY);
        assertEquals("java.lang.Object.notify", top(notify));
        assertEquals("current thread is not owner", notify.getMessage());
        assertEquals("java.lang.Object.notifyAll", top(JdkThrown.notOwner(new Object(), JdkThrown.NOTIFY_ALL)));
        assertEquals("java.lang.Object.wait", top(JdkThrown.notOwner(new Object(), JdkThrown.WAIT)));
    }
}
