package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.bridge.Order;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import org.junit.jupiter.api.Test;

class SynchronizedCallsTest {

    /** Notes the monitors turns are taken on, and whether the thread held each while its turn was taken. */
    private static final class NotingOrder extends SyncOrder {
        final List<Object> before = new ArrayList<>();
        final List<Object> after = new ArrayList<>();
        final List<Boolean> heldAfter = new ArrayList<>();

        NotingOrder() {
            super(() -> STATE, true);
        }

        @Override
        public void beforeMonitor(Object monitor) {
            before.add(monitor);
        }

        @Override
        public void afterMonitor(Object monitor) {
            after.add(monitor);
            heldAfter.add(Thread.holdsLock(monitor));
        }

        @Override
        public void await(Object monitor, long millis, int nanos) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long awaitCondition(Condition c, int how, long nanos, Date deadline) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected boolean waitTimed(Object on, long time, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected SyncCell enterAtomic(Object key) {
            return null;
        }

        @Override
        protected void exitAtomic(SyncCell c, boolean falseResult) {
        }

        @Override
        public void lock(Object lock) {
        }

        @Override
        public void lockInterruptibly(Object lock) {
        }

        @Override
        protected boolean tryLock(Object lock) {
            return true;
        }

        @Override
        protected boolean tryLock(Object lock, long time, TimeUnit unit) {
            return true;
        }

        @Override
        protected void acquire(java.util.concurrent.Semaphore s, int permits, boolean interruptibly) {
        }

        @Override
        protected boolean tryAcquire(java.util.concurrent.Semaphore s, int permits, long time, TimeUnit unit) {
            return true;
        }
    }

    private static final ThreadState STATE = new ThreadState() {
    };

    private final NotingOrder order = new NotingOrder();

    private MethodHandle site(Class<?> owner, String name, MethodType type) throws ReflectiveOperationException {
        MethodHandle target = MethodHandles.publicLookup().findVirtual(owner, name, type);
        return order.bracket(Order.SYNCHRONIZED, name, target);
    }

    @Test
    void a_synchronized_method_runs_inside_its_receivers_monitor_taken_as_a_turn() throws Throwable {
        MethodHandle add = site(List.class, "add", MethodType.methodType(boolean.class, Object.class));
        Vector<String> vector = new Vector<>();
        assertTrue((boolean) add.invokeExact((List<?>) vector, (Object) "x"));
        assertEquals(List.of("x"), vector);
        assertEquals(List.of(vector), order.before);
        assertEquals(List.of(vector), order.after);
        assertEquals(List.of(true), order.heldAfter, "the turn is taken holding the monitor");

        ArrayList<String> plain = new ArrayList<>();
        assertTrue((boolean) add.invokeExact((List<?>) plain, (Object) "y"));
        assertEquals(1, order.after.size(), "a list that does not synchronize takes no turn");
    }

    @Test
    void primitive_arguments_and_results_pass_through() throws Throwable {
        MethodHandle append = site(StringBuffer.class, "append", MethodType.methodType(StringBuffer.class, int.class));
        MethodHandle charAt = site(StringBuffer.class, "charAt", MethodType.methodType(char.class, int.class));
        MethodHandle setLength = site(StringBuffer.class, "setLength", MethodType.methodType(void.class, int.class));
        StringBuffer sb = new StringBuffer();
        assertSame(sb, (StringBuffer) append.invokeExact(sb, 42));
        assertEquals('2', (char) charAt.invokeExact(sb, 1));
        setLength.invokeExact(sb, 1);
        assertEquals("4", sb.toString());
        assertEquals(3, order.after.size());
    }

    @Test
    void a_synchronized_wrapper_is_locked_by_its_mutex_which_a_view_shares() throws Throwable {
        Map<String, Integer> map = Collections.synchronizedMap(new HashMap<>());
        MethodHandle put = site(Map.class, "put", MethodType.methodType(Object.class, Object.class, Object.class));
        MethodHandle keySet = site(Map.class, "keySet", MethodType.methodType(java.util.Set.class));
        MethodHandle size = site(java.util.Collection.class, "size", MethodType.methodType(int.class));
        Object ignored = (Object) put.invokeExact(map, (Object) "a", (Object) 1);
        java.util.Set<?> keys = (java.util.Set<?>) keySet.invokeExact(map);
        assertEquals(1, (int) size.invokeExact((java.util.Collection<?>) keys));
        assertEquals(List.of(map, map, map), order.after, "the key set locks the map's mutex");
        assertEquals(List.of(true, true, true), order.heldAfter);
    }

    /** An object whose {@code toString} notes whether the thread holds {@code lock} meanwhile. */
    private static Object printedNotingLock(Object lock, boolean[] held) {
        return new Object() {
            @Override
            public String toString() {
                held[0] = Thread.holdsLock(lock);
                return "item";
            }
        };
    }

    @Test
    void a_print_stream_is_locked_and_an_object_printed_becomes_a_string_before_it() throws Throwable {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, "UTF-8");
        MethodHandle println = site(PrintStream.class, "println", MethodType.methodType(void.class, Object.class));
        boolean[] heldInToString = new boolean[1];
        Object printed = printedNotingLock(out, heldInToString);
        println.invokeExact(out, printed);
        assertEquals("item" + System.lineSeparator(), bytes.toString("UTF-8"));
        assertFalse(heldInToString[0], "toString runs outside the stream's monitor, as in the JDK");
        assertEquals(List.of(out), order.after);
    }

    @Test
    void a_jdk_writer_is_locked_by_its_lock_and_an_object_printed_becomes_a_string_before_it() throws Throwable {
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter out = new java.io.PrintWriter(text);
        MethodHandle println = site(java.io.PrintWriter.class, "println", MethodType.methodType(void.class, Object.class));
        boolean[] heldInToString = new boolean[1];
        Object printed = printedNotingLock(text, heldInToString);
        println.invokeExact(out, printed);
        out.flush();
        assertEquals("item" + System.lineSeparator(), text.toString());
        assertFalse(heldInToString[0]);
        assertEquals(List.of(text), order.after, "a PrintWriter over a writer locks that writer");
        assertEquals(List.of(true), order.heldAfter);
    }

    @Test
    void what_the_call_throws_leaves_the_monitor() throws Throwable {
        MethodHandle get = site(Vector.class, "get", MethodType.methodType(Object.class, int.class));
        Vector<String> vector = new Vector<>();
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> {
            Object ignored = (Object) get.invokeExact(vector, 3);
        });
        assertFalse(Thread.holdsLock(vector));
        assertThrows(NullPointerException.class, () -> {
            Object ignored = (Object) get.invokeExact((Vector<?>) null, 0);
        });
        assertEquals(1, order.after.size(), "a null receiver takes no turn");
    }

    @Test
    void an_unsynchronized_override_is_called_as_it_is() throws Throwable {
        MethodHandle get = site(java.util.Hashtable.class, "get", MethodType.methodType(Object.class, Object.class));
        java.util.Properties props = new java.util.Properties();
        props.setProperty("k", "v");
        assertEquals("v", (Object) get.invokeExact((java.util.Hashtable<?, ?>) props, (Object) "k"));
        assertTrue(order.after.isEmpty(), "Properties.get reads a concurrent map without a monitor");
        assertEquals("v", (Object) get.invokeExact(new java.util.Hashtable<Object, Object>(Map.of("k", "v")), (Object) "k"));
        assertEquals(1, order.after.size());
    }
}
