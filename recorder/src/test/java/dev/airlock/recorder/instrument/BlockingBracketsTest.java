package dev.airlock.recorder.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code threads=serial} brackets the JDK's waits the scheduler cannot see: a park, an {@code epoll_wait}. */
class BlockingBracketsTest {

    private static final String BLOCKING = "INVOKESTATIC dev/airlock/bridge/Turns.blocking()V";
    private static final String UNBLOCKED = "INVOKESTATIC dev/airlock/bridge/Turns.unblocked()V";

    @BeforeEach
    void serial() {
        CaptureRules.serialThreads(true);
    }

    @AfterEach
    void free() {
        CaptureRules.serialThreads(false);
    }

    private static List<String> around(String className, String method, String descriptor, String call) {
        return Bytecode.around(Bytecode.method(Bytecode.rewriteJdkClass(className), method, descriptor), call, 0, 1, 1);
    }

    @Test
    void a_park_passes_the_turn_on_around_it() {
        List<String> park = around("java/util/concurrent/locks/LockSupport", "park", "(Ljava/lang/Object;)V",
            "INVOKEVIRTUAL jdk/internal/misc/Unsafe.park(ZJ)V");
        assertEquals(BLOCKING, park.get(0));
        assertEquals(UNBLOCKED, park.get(2));
    }

    @Test
    void the_asynchronous_channels_epoll_wait_passes_the_turn_on_around_it() {
        List<String> poll = around("sun/nio/ch/EPollPort$EventHandlerTask", "poll", "()Lsun/nio/ch/EPollPort$Event;",
            "INVOKESTATIC sun/nio/ch/EPoll.wait(IJII)I");
        assertEquals(BLOCKING, poll.get(0));
        assertEquals(UNBLOCKED, poll.get(2));
    }
}
