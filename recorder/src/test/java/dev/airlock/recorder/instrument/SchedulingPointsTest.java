package dev.airlock.recorder.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** What {@code threads=serial} does to an application class: points, monitors, waits, a verifying result. */
class SchedulingPointsTest {

    private static final String TURNS = "INVOKESTATIC dev/airlock/bridge/Turns.";

    @SuppressWarnings("unused")
    static final class Fixture {
        static final long[] TABLE = table();
        private final Object lock = new Object();

        private static long[] table() {
            return new long[] {System.nanoTime()};
        }
        private int count;

        synchronized int bump() {
            return ++count;
        }

        static synchronized void touch() {
        }

        void block() throws InterruptedException {
            synchronized (lock) {
                while (count < 3) {
                    lock.wait(5);
                }
                lock.notifyAll();
                count += Thread.holdsLock(lock) ? 1 : 0;
            }
            Thread.sleep(1);
            Thread.currentThread().join(1);
            Thread.onSpinWait();
        }

        int identity(Object o) {
            return o.hashCode() + System.identityHashCode(o);
        }

        void increment(int[] slots) {
            count++;
            slots[0]++;
        }

        Object ownFinal() {
            return lock;
        }

        int legacy(java.util.Vector<Integer> vector, java.util.List<Integer> list, java.util.ArrayList<Integer> plain) {
            vector.add(1);
            list.add(2);
            plain.add(3);
            return vector.size() + list.size();
        }
    }

    private final FakeSiteRegistry registry = new FakeSiteRegistry();
    private final List<String> errors = new ArrayList<>();

    @BeforeEach
    void serial() {
        CaptureRules.serialThreads(true);
    }

    @AfterEach
    void free() {
        CaptureRules.serialThreads(false);
        CaptureRules.memoryPoints(false);
    }

    private byte[] rewritten() {
        byte[] out = Bytecode.rewriteApplicationClass(Fixture.class, registry, errors);
        assertEquals(List.of(), errors);
        return out;
    }

    @Test
    void the_rewritten_class_verifies() {
        assertEquals("", Bytecode.verify(rewritten(), getClass().getClassLoader()));
    }

    @Test
    void a_synchronized_method_takes_the_schedulers_monitor_and_gives_it_back_on_every_way_out() {
        ClassNode c = Bytecode.parse(rewritten());
        MethodNode bump = Bytecode.method(c, "bump", "()I");
        assertEquals(0, bump.access & Opcodes.ACC_SYNCHRONIZED);
        List<String> code = Bytecode.listing(bump);
        assertEquals(List.of("ALOAD 0", TURNS + "monitorEnter(Ljava/lang/Object;)V", TURNS + "point()V"),
            code.subList(0, 3));
        assertEquals(1, bump.tryCatchBlocks.size(), "one handler over the body");
        assertEquals(2, code.stream().filter(i -> i.equals(TURNS + "monitorExit(Ljava/lang/Object;)V")).count(),
            "before the return and in the handler: " + code);
        MethodNode touch = Bytecode.method(c, "touch", "()V");
        assertTrue(Bytecode.listing(touch).get(0).startsWith("LDC"), "a static method locks its class");
    }

    @Test
    void monitors_waits_sleeps_joins_and_spins_go_to_the_scheduler_and_loops_get_points() {
        List<String> code = Bytecode.listing(Bytecode.method(Bytecode.parse(rewritten()), "block", "()V"));
        assertFalse(code.contains("MONITORENTER"), code.toString());
        assertFalse(code.contains("MONITOREXIT"), code.toString());
        for (String call : List.of("monitorEnter(Ljava/lang/Object;)V", "monitorExit(Ljava/lang/Object;)V",
            "wait(Ljava/lang/Object;JI)V", "notifyAll(Ljava/lang/Object;I)V", "sleep(JI)V",
            "join(Ljava/lang/Thread;JI)V", "onSpinWait(I)V", "holdsLock(Ljava/lang/Object;I)Z")) {
            assertTrue(code.contains(TURNS + call), call + " in " + code);
        }
        assertEquals(2, code.stream().filter(i -> i.equals(TURNS + "point()V")).count(),
            "the method entry and the loop's back-edge: " + code);
    }

    @Test
    void a_class_initializer_says_when_it_starts_and_ends_on_every_way_out() {
        MethodNode clinit = Bytecode.method(Bytecode.parse(rewritten()), "<clinit>", "()V");
        List<String> code = Bytecode.listing(clinit);
        assertEquals(List.of("ICONST_1", TURNS + "initializing(Z)V", TURNS + "point()V"), code.subList(0, 3));
        int returns = code.indexOf("RETURN");
        assertEquals(List.of("ICONST_0", TURNS + "initializing(Z)V"), code.subList(returns - 2, returns));
        assertEquals(1, clinit.tryCatchBlocks.size(), "one handler over the initializer");
        assertEquals(List.of("ICONST_0", TURNS + "initializing(Z)V", "ATHROW"), code.subList(code.size() - 3, code.size()));
        List<String> bump = Bytecode.listing(Bytecode.method(Bytecode.parse(rewritten()), "bump", "()I"));
        assertFalse(bump.contains(TURNS + "initializing(Z)V"), "only initializers: " + bump);
    }

    @Test
    void calls_that_may_synchronize_inside_the_jdk_are_linked_to_take_the_schedulers_monitor() {
        MethodNode legacy = Bytecode.method(Bytecode.parse(rewritten()), "legacy",
            "(Ljava/util/Vector;Ljava/util/List;Ljava/util/ArrayList;)I");
        List<String> code = Bytecode.listing(legacy);
        String all = String.join("\n", code);
        List<String> linked = new ArrayList<>();
        for (org.objectweb.asm.tree.AbstractInsnNode i : legacy.instructions) {
            if (i instanceof org.objectweb.asm.tree.InvokeDynamicInsnNode) {
                org.objectweb.asm.tree.InvokeDynamicInsnNode d = (org.objectweb.asm.tree.InvokeDynamicInsnNode) i;
                linked.add(d.bsm.getOwner() + "." + d.bsm.getName() + " " + d.name + d.desc);
            }
        }
        String bsm = "dev/airlock/bridge/Turns.synchronizedCall ";
        assertEquals(List.of(bsm + "add(Ljava/util/Vector;Ljava/lang/Object;)Z",
            bsm + "add(Ljava/util/List;Ljava/lang/Object;)Z",
            bsm + "size(Ljava/util/Vector;)I",
            bsm + "size(Ljava/util/List;)I"), linked, all);
        assertTrue(code.contains("INVOKEVIRTUAL java/util/ArrayList.add(Ljava/lang/Object;)Z"), "an ArrayList call stays: " + all);
    }

    @Test
    void hash_codes_go_to_identity() {
        List<String> code = Bytecode.listing(Bytecode.method(Bytecode.parse(rewritten()), "identity",
            "(Ljava/lang/Object;)I"));
        assertTrue(code.contains("INVOKESTATIC dev/airlock/bridge/Identity.hashCode(Ljava/lang/Object;)I"), code.toString());
        assertTrue(code.contains("INVOKESTATIC dev/airlock/bridge/Identity.identityHashCode(Ljava/lang/Object;)I"),
            code.toString());
    }

    @Test
    void by_default_a_statement_with_no_call_is_never_split() {
        List<String> code = Bytecode.listing(Bytecode.method(Bytecode.parse(rewritten()), "increment", "([I)V"));
        assertEquals(1, code.stream().filter(i -> i.equals(TURNS + "point()V")).count(), "the entry only: " + code);
    }

    @Test
    void with_memory_points_every_field_and_array_element_access_gets_a_point_before_it() {
        CaptureRules.memoryPoints(true);
        byte[] out = rewritten();
        assertEquals("", Bytecode.verify(out, getClass().getClassLoader()));
        List<String> code = Bytecode.listing(Bytecode.method(Bytecode.parse(out), "increment", "([I)V"));
        for (String access : List.of("GETFIELD", "PUTFIELD", "IALOAD", "IASTORE")) {
            int at = indexStartingWith(code, access);
            assertTrue(at > 0 && code.get(at - 1).equals(TURNS + "point()V"), "a point before " + access + ": " + code);
        }
        assertEquals(5, code.stream().filter(i -> i.equals(TURNS + "point()V")).count(), "the entry and four accesses: " + code);
        List<String> finalRead = Bytecode.listing(Bytecode.method(Bytecode.parse(out), "ownFinal", "()Ljava/lang/Object;"));
        assertEquals(1, finalRead.stream().filter(i -> i.equals(TURNS + "point()V")).count(),
            "a final field of the class itself needs none: " + finalRead);
    }

    private static int indexStartingWith(List<String> code, String opcode) {
        for (int i = 0; i < code.size(); i++) {
            if (code.get(i).startsWith(opcode)) {
                return i;
            }
        }
        return -1;
    }
}
