package dev.airlock.recorder.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code threads=ordered} rewrites the JDK's lock-based blocking queues and its thread pool: their lock
 * calls, condition waits and atomic counts become static calls to {@code Order}; the rest stays.
 */
class JdkClassOrderTest {

    private static final String ORDER = "INVOKESTATIC dev/airlock/bridge/Order.";

    @BeforeEach
    void ordered() {
        CaptureRules.orderedThreads(true);
    }

    @AfterEach
    void free() {
        CaptureRules.orderedThreads(false);
    }

    private static ClassNode rewritten(String internalName) {
        return Bytecode.rewriteJdkClass(internalName);
    }

    private static List<String> calls(ClassNode c) {
        List<String> all = new ArrayList<>();
        for (MethodNode m : c.methods) {
            all.addAll(Bytecode.listing(m));
        }
        return all;
    }

    @Test
    void a_queue_takes_its_lock_and_waits_on_its_conditions_through_order() {
        List<String> take = Bytecode.listing(Bytecode.method(rewritten("java/util/concurrent/ArrayBlockingQueue"),
            "take", "()Ljava/lang/Object;"));
        assertTrue(take.contains(ORDER + "lockInterruptibly(Ljava/util/concurrent/locks/ReentrantLock;)V"), take.toString());
        assertTrue(take.contains(ORDER + "await(Ljava/util/concurrent/locks/Condition;)V"), take.toString());
        assertTrue(take.contains("INVOKEVIRTUAL java/util/concurrent/locks/ReentrantLock.unlock()V"), "unlock stays");
    }

    @Test
    void a_linked_queue_counts_through_order() {
        List<String> all = calls(rewritten("java/util/concurrent/LinkedBlockingQueue"));
        assertTrue(all.contains(ORDER + "countGetAndIncrement(Ljava/util/concurrent/atomic/AtomicInteger;)I"));
        assertTrue(all.contains(ORDER + "awaitNanos(Ljava/util/concurrent/locks/Condition;J)J"));
        assertFalse(all.stream().anyMatch(s -> s.startsWith("INVOKEVIRTUAL java/util/concurrent/atomic/AtomicInteger.get")),
            "no atomic count read is left unordered");
    }

    @Test
    void a_pool_orders_its_state_and_worker_count() {
        List<String> all = calls(rewritten("java/util/concurrent/ThreadPoolExecutor"));
        assertTrue(all.contains(ORDER + "countCompareAndSet(Ljava/util/concurrent/atomic/AtomicInteger;II)Z"));
        assertTrue(all.contains(ORDER + "lock(Ljava/util/concurrent/locks/ReentrantLock;)V"));
    }

    @Test
    void other_jdk_classes_and_other_modes_are_left_alone() {
        assertFalse(ClassFilter.isJdkTarget("java/util/concurrent/ConcurrentLinkedQueue"));
        assertFalse(ClassFilter.isJdkTarget("java/util/concurrent/ArrayBlockingQueueX"));
        assertTrue(ClassFilter.isJdkTarget("java/util/concurrent/LinkedBlockingDeque$Itr"));
        CaptureRules.orderedThreads(false);
        assertFalse(ClassFilter.isJdkTarget("java/util/concurrent/ArrayBlockingQueue"));
    }

    @Test
    void a_logging_handler_takes_a_turn_holding_its_monitor_wherever_it_enters_it() {
        ClassNode handler = rewritten("java/util/logging/StreamHandler");
        String held = ORDER + "monitorHeld(Ljava/lang/Object;)V";
        List<String> flush = Bytecode.listing(Bytecode.method(handler, "flush", "()V"));
        assertEquals(List.of("ALOAD 0", held), flush.subList(0, 2), "a synchronized method, at its start: " + flush);
        for (MethodNode m : handler.methods) {
            List<String> code = Bytecode.listing(m);
            for (int i = 0; i < code.size(); i++) {
                if (code.get(i).equals("MONITORENTER")) {
                    assertEquals(held, code.get(i + 1), m.name + ": " + code);
                }
            }
        }
        assertTrue(calls(handler).stream().filter(held::equals).count() >= 4, "publish, flush, close, ...");
    }

    @Test
    void a_barrier_takes_its_lock_and_waits_through_order() {
        List<String> all = calls(rewritten("java/util/concurrent/CyclicBarrier"));
        assertTrue(all.contains(ORDER + "lock(Ljava/util/concurrent/locks/ReentrantLock;)V"), all.toString());
        assertTrue(all.contains(ORDER + "await(Ljava/util/concurrent/locks/Condition;)V"), all.toString());
        assertTrue(all.contains(ORDER + "awaitNanos(Ljava/util/concurrent/locks/Condition;J)J"), all.toString());
    }
}
