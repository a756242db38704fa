package dev.airlock.recorder.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.bridge.Order;
import dev.airlock.bridge.Orderer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What {@code threads=ordered} does to an application class: brackets around every monitor entry,
 * {@code wait} to {@code Order}, lock calls and atomic updates linked through {@code Order.bootstrap};
 * and the result verifies and runs, monitors still the JVM's.
 */
class OrderPointsTest {

    private static final String ORDER = "INVOKESTATIC dev/airlock/bridge/Order.";

    @SuppressWarnings("unused")
    public static final class Fixture {
        private final Object lock = new Object();
        private final ReentrantLock reentrant = new ReentrantLock();
        private final java.util.concurrent.locks.Condition ready = reentrant.newCondition();
        private final AtomicLong ids = new AtomicLong();
        private int count;
        private volatile boolean done = false;
        private static volatile int generation;

        public synchronized int bump() {
            return ++count;
        }

        public static synchronized void touch() {
        }

        public int block() throws InterruptedException {
            try {
                synchronized (lock) {
                    lock.wait(1);
                    lock.notifyAll();
                    return count;
                }
            } finally {
                count++;
            }
        }

        public long locked() throws InterruptedException {
            reentrant.lock();
            try {
                long left = ready.awaitNanos(1);
                return ids.incrementAndGet() + (ids.compareAndSet(1, 5) ? 10 : 0) + (left > 1 ? 100 : 0);
            } finally {
                reentrant.unlock();
            }
        }

        public boolean flag() {
            done = true;
            generation++;
            return done && generation == 1;
        }

        public boolean holds() {
            synchronized (this) {
                return Thread.holdsLock(this);
            }
        }
    }

    /** Counts what reaches the bridge. */
    static final class CountingOrderer implements Orderer {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void beforeMonitor(Object monitor) {
            seen.add("before");
        }

        @Override
        public void afterMonitor(Object monitor) {
            assertTrue(Thread.holdsLock(monitor), "after the entry, the monitor is held");
            seen.add("after");
        }

        @Override
        public void await(Object monitor, long millis, int nanos) throws InterruptedException {
            seen.add("wait");
            monitor.wait(millis, nanos);
        }

        @Override
        public MethodHandle bracket(int kind, String name, MethodHandle target) {
            seen.add((kind == Order.LOCK ? "lock " : kind == Order.CONDITION ? "condition " : "atomic ") + name);
            return target;
        }

        @Override
        public MethodHandle bracketField(MethodHandle access, Class<?> staticOwner) {
            // (no MethodType.toString: it asks the throwaway class for its enclosing class)
            seen.add("field " + access.type().parameterCount() + " -> " + access.type().returnType().getName()
                + (staticOwner == null ? "" : " static"));
            return access;
        }

        @Override
        public void lock(Object lock) {
            Orderer.NONE.lock(lock);
        }

        @Override
        public void lockInterruptibly(Object lock) throws InterruptedException {
            Orderer.NONE.lockInterruptibly(lock);
        }

        @Override
        public long awaitCondition(java.util.concurrent.locks.Condition condition, int how, long nanos,
                                   java.util.Date deadline) throws InterruptedException {
            return Orderer.NONE.awaitCondition(condition, how, nanos, deadline);
        }

        @Override
        public Object atomicEntered(Object key) {
            return null;
        }

        @Override
        public void atomicExited(Object token, boolean falseResult) {
        }
    }

    private final FakeSiteRegistry registry = new FakeSiteRegistry();
    private final List<String> errors = new ArrayList<>();

    @BeforeEach
    void ordered() {
        CaptureRules.orderedThreads(true);
    }

    @AfterEach
    void free() {
        CaptureRules.orderedThreads(false);
        Order.install(Orderer.NONE);
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
    void a_synchronized_method_enters_its_monitor_between_the_brackets() {
        ClassNode c = Bytecode.parse(rewritten());
        MethodNode bump = Bytecode.method(c, "bump", "()I");
        assertEquals(0, bump.access & Opcodes.ACC_SYNCHRONIZED);
        List<String> code = Bytecode.listing(bump);
        assertEquals(List.of("ALOAD 0", ORDER + "beforeMonitor(Ljava/lang/Object;)V", "ALOAD 0", "MONITORENTER",
            "ALOAD 0", ORDER + "afterMonitor(Ljava/lang/Object;)V"), code.subList(0, 6));
        assertEquals(2, code.stream().filter("MONITOREXIT"::equals).count(), "before the return and in the handler");
        assertTrue(Bytecode.listing(Bytecode.method(c, "touch", "()V")).get(0).startsWith("LDC"),
            "a static method locks its class");
    }

    @Test
    void a_monitor_entry_in_a_try_gets_its_own_handler_first() {
        MethodNode block = Bytecode.method(Bytecode.parse(rewritten()), "block", "()I");
        List<String> code = Bytecode.listing(block);
        assertTrue(code.contains(ORDER + "wait(Ljava/lang/Object;JI)V"), code.toString());
        assertTrue(code.contains("INVOKEVIRTUAL java/lang/Object.notifyAll()V"), "notify stays: " + code);
        // The first handler in the table is the one that exits the monitor if the bracket after its entry
        // throws: an enclosing try's handler, which would not, comes after it.
        org.objectweb.asm.tree.AbstractInsnNode enter = block.instructions.getFirst();
        while (enter.getOpcode() != Opcodes.MONITORENTER) {
            enter = enter.getNext();
        }
        org.junit.jupiter.api.Assertions.assertSame(enter.getNext(), block.tryCatchBlocks.get(0).start);
        List<String> afterEntry = Bytecode.around(block, "MONITORENTER", 0, 0, 2);
        assertEquals(List.of("MONITORENTER", "ALOAD " + (block.maxLocals - 1), ORDER + "afterMonitor(Ljava/lang/Object;)V"),
            afterEntry);
    }

    @Test
    void lock_calls_condition_waits_and_atomic_updates_are_linked_through_the_bootstrap() {
        MethodNode locked = Bytecode.method(Bytecode.parse(rewritten()), "locked", "()J");
        List<String> linked = new ArrayList<>();
        for (var insn : locked.instructions) {
            if (insn instanceof InvokeDynamicInsnNode indy) {
                linked.add(indy.name + indy.desc + " kind " + indy.bsmArgs[0]);
            }
        }
        assertEquals(List.of("lock(Ljava/util/concurrent/locks/ReentrantLock;)V kind 1",
            "awaitNanos(Ljava/util/concurrent/locks/Condition;J)J kind 3",
            "incrementAndGet(Ljava/util/concurrent/atomic/AtomicLong;)J kind 2",
            "compareAndSet(Ljava/util/concurrent/atomic/AtomicLong;JJ)Z kind 2"), linked);
        assertTrue(Bytecode.listing(locked).contains("INVOKEVIRTUAL java/util/concurrent/locks/ReentrantLock.unlock()V"),
            "unlock stays");
    }

    @Test
    void lock_calls_naming_an_applications_class_are_linked_with_a_test_of_the_receiver() {
        int virtual = Opcodes.INVOKEVIRTUAL;
        assertEquals(9, OrderPoints.kindOf(virtual, "com/example/Segment", "lock", "()V"));
        assertEquals(9, OrderPoints.kindOf(virtual, "com/example/Segment", "tryLock", "(JLjava/util/concurrent/TimeUnit;)Z"));
        assertEquals(1, OrderPoints.kindOf(virtual, "java/util/concurrent/locks/ReentrantLock", "lock", "()V"));
        assertEquals(0, OrderPoints.kindOf(virtual, "com/example/Segment", "unlock", "()V"), "letting go is no turn");
        assertEquals(0, OrderPoints.kindOf(virtual, "com/example/Door", "lock", "(I)V"), "another method of that name");
        assertEquals(0, OrderPoints.kindOf(Opcodes.INVOKESPECIAL, "com/example/Segment", "lock", "()V"));
    }

    @Test
    void calls_of_concurrent_collections_by_their_own_type_or_an_interface_are_atomic_steps() {
        int virtual = Opcodes.INVOKEVIRTUAL;
        int iface = Opcodes.INVOKEINTERFACE;
        assertEquals(2, OrderPoints.kindOf(virtual, "java/util/concurrent/ConcurrentLinkedQueue", "poll", "()Ljava/lang/Object;"));
        assertEquals(2, OrderPoints.kindOf(iface, "java/util/concurrent/ConcurrentMap", "putIfAbsent",
            "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;"));
        assertEquals(2, OrderPoints.kindOf(virtual, "java/util/concurrent/ConcurrentHashMap", "merge",
            "(Ljava/lang/Object;Ljava/lang/Object;Ljava/util/function/BiFunction;)Ljava/lang/Object;"));
        assertEquals(0, OrderPoints.kindOf(virtual, "java/util/concurrent/ConcurrentHashMap", "keySet",
            "()Ljava/util/concurrent/ConcurrentHashMap$KeySetView;"), "iteration is not one step");
        assertEquals(5, OrderPoints.kindOf(iface, "java/util/Map", "get", "(Ljava/lang/Object;)Ljava/lang/Object;"),
            "through Map, an atomic step when the receiver turns out to be a concurrent map");
        assertEquals(5, OrderPoints.kindOf(iface, "java/util/Queue", "poll", "()Ljava/lang/Object;"));
        assertEquals(6, OrderPoints.kindOf(iface, "java/util/Map", "entrySet", "()Ljava/util/Set;"),
            "iteration is not one step; a synchronized wrapper's call is a monitor turn");
        assertEquals(0, OrderPoints.kindOf(iface, "java/lang/Iterable", "forEach", "(Ljava/util/function/Consumer;)V"));
        assertEquals(0, OrderPoints.kindOf(virtual, "java/util/concurrent/LinkedBlockingQueue", "poll",
            "()Ljava/lang/Object;"), "a blocking queue is ordered inside (JdkClassOrder)");
        assertEquals(3, OrderPoints.kindOf(iface, "java/util/concurrent/locks/Condition", "awaitNanos", "(J)J"));
        assertEquals(6, OrderPoints.kindOf(virtual, "java/lang/StringBuffer", "append",
            "(Ljava/lang/String;)Ljava/lang/StringBuffer;"), "synchronized inside the JDK: a monitor turn around the call");
        assertEquals(6, OrderPoints.kindOf(virtual, "java/util/Vector", "add", "(Ljava/lang/Object;)Z"));
        assertEquals(6, OrderPoints.kindOf(virtual, "java/io/PrintStream", "println", "(Ljava/lang/String;)V"));
        assertEquals(6, OrderPoints.kindOf(iface, "java/util/List", "addAll", "(Ljava/util/Collection;)Z"));
        assertEquals(0, OrderPoints.kindOf(virtual, "java/util/ArrayList", "add", "(Ljava/lang/Object;)Z"));
        assertEquals(7, OrderPoints.kindOf(iface, "java/util/Set", "iterator", "()Ljava/util/Iterator;"),
            "making an iterator reads a concurrent map's table: a step on the map when it is one's");
        assertEquals(7, OrderPoints.kindOf(virtual, "java/util/concurrent/ConcurrentHashMap$KeySetView", "iterator",
            "()Ljava/util/Iterator;"));
        assertEquals(7, OrderPoints.kindOf(iface, "java/util/Iterator", "next", "()Ljava/lang/Object;"));
        assertEquals(0, OrderPoints.kindOf(iface, "java/util/Iterator", "hasNext", "()Z"), "decided by the step before");
        assertEquals(8, OrderPoints.kindOf(virtual, "java/util/concurrent/Semaphore", "tryAcquire",
            "(IJLjava/util/concurrent/TimeUnit;)Z"), "permits taken: a turn on the semaphore");
        assertEquals(8, OrderPoints.kindOf(virtual, "java/util/concurrent/Semaphore", "acquireUninterruptibly", "()V"));
        assertEquals(0, OrderPoints.kindOf(virtual, "java/util/concurrent/Semaphore", "release", "()V"));
        assertEquals(2, OrderPoints.kindOf(virtual, "java/util/concurrent/ConcurrentHashMap", "keys",
            "()Ljava/util/Enumeration;"));
        assertEquals(4, OrderPoints.kindOf(iface, "java/util/concurrent/Future", "get",
            "(JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;"));
        assertEquals(0, OrderPoints.kindOf(virtual, "java/util/concurrent/ForkJoinTask", "get",
            "(JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;"), "a fork-join task's wait runs other tasks");
    }

    @Test
    void the_rewritten_class_runs_with_the_jvms_monitors() throws Throwable {
        CountingOrderer orderer = new CountingOrderer();
        Order.install(orderer);
        Class<?> type = ThrowawayLoader.define(Fixture.class, rewritten());
        Object f = type.getConstructor().newInstance();
        MethodHandles.Lookup l = MethodHandles.publicLookup();
        assertEquals(1, (int) l.findVirtual(type, "bump", java.lang.invoke.MethodType.methodType(int.class)).invoke(f));
        assertEquals(1, (int) l.findVirtual(type, "block", java.lang.invoke.MethodType.methodType(int.class)).invoke(f));
        assertEquals(11L, (long) l.findVirtual(type, "locked", java.lang.invoke.MethodType.methodType(long.class)).invoke(f));
        assertEquals(true, (boolean) l.findVirtual(type, "holds", java.lang.invoke.MethodType.methodType(boolean.class))
            .invoke(f));
        assertEquals(true, (boolean) l.findVirtual(type, "flag", java.lang.invoke.MethodType.methodType(boolean.class))
            .invoke(f));
        assertEquals(List.of("before", "after", "before", "after", "wait", "lock lock", "condition awaitNanos", "atomic incrementAndGet",
            "atomic compareAndSet", "before", "after",
            "field 2 -> void", "field 0 -> int static", "field 1 -> void static", "field 1 -> boolean",
            "field 0 -> int static"), orderer.seen);
    }

    @Test
    void volatile_fields_are_linked_outside_constructors_only() {
        ClassNode c = Bytecode.parse(rewritten());
        List<String> flag = new ArrayList<>();
        for (var insn : Bytecode.method(c, "flag", "()Z").instructions) {
            if (insn instanceof InvokeDynamicInsnNode indy) {
                flag.add(indy.name + indy.desc + " " + indy.bsm.getName() + " " + indy.bsmArgs[0]);
            }
        }
        String self = "L" + Type.getInternalName(Fixture.class) + ";";
        assertEquals(List.of("done(" + self + "Z)V field 181", "generation()I field 178", "generation(I)V field 179",
            "done(" + self + ")Z field 180", "generation()I field 178"), flag);
        assertTrue(Bytecode.listing(Bytecode.method(c, "<init>", "()V")).stream()
            .anyMatch(i -> i.equals("PUTFIELD")), "the constructor's write stays a putfield");
    }
}
