package dev.airlock.recorder.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code threads=serial} puts the monitors of {@code Collections.synchronized*}'s wrappers and of
 * {@code java.util.Timer} under the scheduler.
 */
class JdkMonitorsTest {

    private static final String ENTER = "INVOKESTATIC dev/airlock/bridge/Turns.monitorEnter(Ljava/lang/Object;)V";
    private static final String EXIT = "INVOKESTATIC dev/airlock/bridge/Turns.monitorExit(Ljava/lang/Object;)V";

    @BeforeEach
    void serial() {
        CaptureRules.serialThreads(true);
    }

    @AfterEach
    void free() {
        CaptureRules.serialThreads(false);
    }

    private static ClassNode rewritten(String internalName) {
        return Bytecode.rewriteJdkClass(internalName);
    }

    @Test
    void a_wrapper_of_collections_synchronized_takes_the_schedulers_monitor_in_its_blocks() {
        for (String[] wrapper : new String[][] {{"java/util/Collections$SynchronizedCollection", "size", "()I"},
            {"java/util/Collections$SynchronizedList", "get", "(I)Ljava/lang/Object;"},
            {"java/util/Collections$SynchronizedMap", "size", "()I"}}) {
            ClassNode c = rewritten(wrapper[0]);
            for (MethodNode m : c.methods) {
                List<String> code = Bytecode.listing(m);
                assertFalse(code.contains("MONITORENTER") || code.contains("MONITOREXIT"), wrapper[0] + "." + m.name);
            }
            List<String> code = Bytecode.listing(Bytecode.method(c, wrapper[1], wrapper[2]));
            assertTrue(code.contains(ENTER) && code.contains(EXIT), wrapper[0] + ": " + code);
        }
    }

    @Test
    void the_timers_thread_waits_and_reads_its_clock_through_the_scheduler() {
        ClassNode thread = rewritten("java/util/TimerThread");
        List<String> loop = Bytecode.listing(Bytecode.method(thread, "mainLoop", "()V"));
        assertTrue(loop.contains(ENTER) && loop.contains(EXIT), loop.toString());
        assertTrue(loop.contains("INVOKESTATIC dev/airlock/bridge/Turns.wait(Ljava/lang/Object;JI)V"), loop.toString());
        assertTrue(loop.contains("INVOKESTATIC dev/airlock/bridge/Turns.wait(Ljava/lang/Object;I)V"), loop.toString());
        assertFalse(loop.toString().contains("java/lang/Object.wait"), loop.toString());
        int clock = loop.indexOf("INVOKESTATIC java/lang/System.currentTimeMillis()J");
        assertTrue(clock > 0 && loop.get(clock + 2).equals("INVOKESTATIC dev/airlock/bridge/Hooks.onLong(JI)J"),
            "the clock read is recorded: " + loop);
        List<String> schedule = Bytecode.listing(Bytecode.method(rewritten("java/util/Timer"), "sched",
            "(Ljava/util/TimerTask;JJ)V"));
        assertTrue(schedule.contains("INVOKESTATIC dev/airlock/bridge/Turns.notify(Ljava/lang/Object;I)V"), schedule.toString());
    }

    @Test
    void time_units_sleep_and_timed_waits_go_to_the_scheduler() {
        ClassNode unit = rewritten("java/util/concurrent/TimeUnit");
        assertEquals(List.of("ICONST_0", "INVOKESTATIC dev/airlock/bridge/Turns.sleep(JII)V"),
            Bytecode.around(Bytecode.method(unit, "sleep", "(J)V"), "Turns.sleep", 0, 1, 0));
        assertTrue(Bytecode.listing(Bytecode.method(unit, "timedJoin", "(Ljava/lang/Thread;J)V"))
            .contains("INVOKESTATIC dev/airlock/bridge/Turns.join(Ljava/lang/Thread;JII)V"));
        assertTrue(Bytecode.listing(Bytecode.method(unit, "timedWait", "(Ljava/lang/Object;J)V"))
            .contains("INVOKESTATIC dev/airlock/bridge/Turns.wait(Ljava/lang/Object;JII)V"));
    }

    @Test
    void classes_with_synchronized_methods_and_other_modes_are_left_alone() {
        assertFalse(JdkMonitors.appliesTo("java/util/Vector"));
        assertFalse(JdkMonitors.appliesTo("java/util/Hashtable"));
        assertTrue(ClassFilter.isJdkTarget("java/util/Collections$SynchronizedList"));
        CaptureRules.serialThreads(false);
        assertFalse(ClassFilter.isJdkTarget("java/util/Collections$SynchronizedList"));
    }
}
