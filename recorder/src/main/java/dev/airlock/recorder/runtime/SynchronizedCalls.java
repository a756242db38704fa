package dev.airlock.recorder.runtime;

import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

/**
 * The application's calls of methods that synchronize inside the JDK, whose
 * monitor instructions the agent does not rewrite: a {@code synchronized} method of the receiver's class
 * ({@code StringBuffer.append}, {@code Vector.add}, {@code Hashtable.put}) or any method of a
 * {@code Collections.synchronized*} wrapper, which locks the wrapper's mutex, a {@code PrintStream}'s (so
 * lines printed by several threads come out in the recorded order) or a JDK {@code Writer}'s, which lock
 * {@code Writer.lock}. In {@code threads=ordered} the
 * call runs inside that monitor, entered as one of the application's own (numbered on recording, waited
 * for on replay); the method's own entry is then a reentrant one that changes nothing. So which thread's
 * call came first is the recording's, and the {@code synchronized (list)} idiom around such calls takes
 * the same monitor. In {@code threads=serial} it runs inside the scheduler's monitor of the receiver
 * ({@link #serial}). Each call site tests its receiver's class, once per class.
 */
final class SynchronizedCalls {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    /** Calls with more arguments than this stay as they are: no JDK class above has one. */
    private static final int MOST_ARGUMENTS = 4;
    private static final String WRAPPER = "java.util.Collections$Synchronized";
    private static final VarHandle COLLECTION_MUTEX = mutex("java.util.Collections$SynchronizedCollection");
    private static final VarHandle MAP_MUTEX = mutex("java.util.Collections$SynchronizedMap");
    /** {@code Writer.lock}: what a JDK writer locks (itself, or the writer or stream it wraps). */
    private static final VarHandle WRITER_LOCK = writerLock();

    private SynchronizedCalls() {
    }

    /** How a receiver's class is called at a site. */
    private static final int PLAIN = 0;
    private static final int LOCKED = 1;
    private static final int CONCURRENT = 2;

    /**
     * {@code threads=ordered}: {@code target} (receiver first), run holding its receiver's monitor, entered as
     * an application's (a numbered turn), when the receiver's method synchronizes.
     */
    static MethodHandle ordered(SyncOrder order, Supplier<? extends ThreadState> states, String name, MethodHandle target)
        throws ReflectiveOperationException {
        return bracket(target, new OrderedSite(order, states, name, parameters(target), false), null);
    }

    /**
     * {@code threads=ordered}, a collection call through an interface: {@code atomic} (the call as one
     * atomic step) when the receiver is a concurrent collection, else as {@link #ordered}.
     */
    static MethodHandle orderedStep(SyncOrder order, Supplier<? extends ThreadState> states, String name,
                                    MethodHandle target, MethodHandle atomic) throws ReflectiveOperationException {
        return bracket(target, new OrderedSite(order, states, name, parameters(target), true), atomic);
    }

    /**
     * {@code threads=serial}: {@code target} run holding the scheduler's monitor of its receiver when the
     * receiver's method is {@code synchronized}, so that an application's {@code synchronized} block on
     * the object keeps it out, as the JVM's monitor does without the agent (application monitors are the
     * scheduler's, the method's is the JVM's). The wrappers of {@code Collections} are left out: their
     * own monitor instructions are rewritten ({@code JdkMonitors}).
     */
    static MethodHandle serial(SerialScheduler scheduler, Supplier<? extends ThreadState> states, String name,
                               MethodHandle target) throws ReflectiveOperationException {
        return bracket(target, new SerialSite(scheduler, states, name, parameters(target)), null);
    }

    private static Class<?>[] parameters(MethodHandle target) {
        return target.type().dropParameterTypes(0, 1).parameterArray();
    }

    /**
     * The site's call: plain for a receiver class that neither locks nor is concurrent (tested first, and
     * cheaply for the class seen last), else {@code atomic} or the call inside the monitor.
     */
    private static MethodHandle bracket(MethodHandle target, Site site, MethodHandle atomic)
        throws ReflectiveOperationException {
        MethodType type = target.type();
        int arguments = type.parameterCount() - 1;
        if (arguments < 0 || type.parameterType(0).isPrimitive()) {
            return target;
        }
        MethodHandle locked = target;
        if (arguments <= MOST_ARGUMENTS) {
            MethodType generic = MethodType.genericMethodType(arguments + 1);
            MethodHandle call = LOOKUP.findVirtual(site.getClass(), "call" + arguments,
                generic.insertParameterTypes(0, MethodHandle.class)).bindTo(site);
            locked = MethodHandles.insertArguments(call, 0, target.asType(generic)).asType(type);
        } else if (atomic == null) {
            return target;
        }
        MethodType test = MethodType.methodType(boolean.class, type.parameterType(0));
        MethodHandle other = locked;
        if (atomic != null) {
            MethodHandle concurrent = LOOKUP.findVirtual(Site.class, "concurrent",
                MethodType.methodType(boolean.class, Object.class)).bindTo(site).asType(test);
            other = MethodHandles.guardWithTest(concurrent, atomic, locked);
        }
        MethodHandle plain = LOOKUP.findVirtual(Site.class, "plain", MethodType.methodType(boolean.class, Object.class))
            .bindTo(site).asType(test);
        return MethodHandles.guardWithTest(plain, target, other);
    }

    private static VarHandle writerLock() {
        try {
            return MethodHandles.privateLookupIn(java.io.Writer.class, LOOKUP).findVarHandle(java.io.Writer.class, "lock",
                Object.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** A writer of the JDK's own, which locks {@code Writer.lock} in blocks around each call. */
    private static boolean isJdkWriter(Class<?> c) {
        return java.io.Writer.class.isAssignableFrom(c) && c.getClassLoader() == null;
    }

    private static VarHandle mutex(String className) {
        try {
            Class<?> c = Class.forName(className);
            return MethodHandles.privateLookupIn(c, LOOKUP).findVarHandle(c, "mutex", Object.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** One call site: the method it names, and for each receiver class how it is called. */
    abstract static class Site extends ClassValue<Integer> {
        private final Supplier<? extends ThreadState> states;
        private final String name;
        private final Class<?>[] parameters;
        /** Whether the JDK classes that lock in blocks, not by the modifier, count (wrappers, {@code PrintStream}). */
        private final boolean blocksCount;
        /** Whether a concurrent collection is called as an atomic step. */
        private final boolean concurrentCounts;
        /**
         * The receiver class last seen that is called as it is: most sites see one class, and a look here
         * costs less than one in the class value. Threads racing on it cost each other only that look.
         */
        private Class<?> lastPlain;

        Site(Supplier<? extends ThreadState> states, String name, Class<?>[] parameters, boolean blocksCount,
             boolean concurrentCounts) {
            this.states = states;
            this.name = name;
            this.parameters = parameters;
            this.blocksCount = blocksCount;
            this.concurrentCounts = concurrentCounts;
        }

        @Override
        protected Integer computeValue(Class<?> c) {
            if (concurrentCounts && dev.airlock.bridge.Order.isConcurrent(c)) {
                return CONCURRENT;
            }
            return locks(c) ? LOCKED : PLAIN;
        }

        private boolean locks(Class<?> c) {
            if (c.getName().startsWith(WRAPPER)) {
                return blocksCount && COLLECTION_MUTEX != null && MAP_MUTEX != null;
            }
            if (isJdkWriter(c)) {
                return blocksCount && WRITER_LOCK != null;
            }
            if (c == PrintStream.class) {
                // It locks itself in blocks, not by the modifier (or, on Java 21+, a lock of its own, which
                // is then taken inside this monitor).
                return blocksCount;
            }
            // Reflection runs JDK code that hashes and locks: as agent work it takes no turns.
            ThreadState s = states.get();
            s.agentDepth++;
            try {
                Method m = c.getMethod(name, parameters);
                return Modifier.isSynchronized(m.getModifiers()) && !Modifier.isStatic(m.getModifiers());
            } catch (NoSuchMethodException | RuntimeException | LinkageError e) {
                return false;
            } finally {
                s.agentDepth--;
            }
        }

        private int kindOf(Object receiver) {
            Class<?> c = receiver.getClass();
            if (c == lastPlain) {
                return PLAIN;
            }
            int kind = get(c);
            if (kind == PLAIN) {
                lastPlain = c;
            }
            return kind;
        }

        /** Whether the call is made as it is: a null receiver too, which throws as it did. */
        boolean plain(Object receiver) {
            return receiver == null || kindOf(receiver) == PLAIN;
        }

        boolean concurrent(Object receiver) {
            return kindOf(receiver) == CONCURRENT;
        }

        static Object monitorOf(Object receiver) {
            Class<?> c = receiver.getClass();
            if (c.getName().startsWith(WRAPPER)) {
                return receiver instanceof java.util.Map ? MAP_MUTEX.get(receiver) : COLLECTION_MUTEX.get(receiver);
            }
            if (isJdkWriter(c)) {
                Object lock = WRITER_LOCK.get((java.io.Writer) receiver);
                return lock != null ? lock : receiver;
            }
            return receiver;
        }

        /**
         * {@code print(Object)}, {@code println(Object)} of a {@code PrintStream} or a JDK {@code PrintWriter}: the
         * JDK makes the object a string before it locks.
         */
        boolean printsObject(Object receiver) {
            Class<?> c = receiver.getClass();
            return parameters.length == 1 && parameters[0] == Object.class && (name.equals("print") || name.equals("println"))
                && (c == PrintStream.class || c == java.io.PrintWriter.class);
        }
    }

    /** The call inside the JVM's monitor, entered as an ordered turn. */
    static final class OrderedSite extends Site {
        private final SyncOrder order;

        OrderedSite(SyncOrder order, Supplier<? extends ThreadState> states, String name, Class<?>[] parameters,
                    boolean concurrentCounts) {
            super(states, name, parameters, true, concurrentCounts);
            this.order = order;
        }

        private Object call0(MethodHandle t, Object r) throws Throwable {
            Object m = monitorOf(r);
            order.beforeMonitor(m);
            synchronized (m) {
                order.afterMonitor(m);
                return (Object) t.invokeExact(r);
            }
        }

        private Object call1(MethodHandle t, Object r, Object a) throws Throwable {
            if (printsObject(r)) {
                // the object's toString runs outside the lock, as the JDK runs it: it may wait for a thread that prints
                a = String.valueOf(a);
            }
            Object m = monitorOf(r);
            order.beforeMonitor(m);
            synchronized (m) {
                order.afterMonitor(m);
                return (Object) t.invokeExact(r, a);
            }
        }

        private Object call2(MethodHandle t, Object r, Object a, Object b) throws Throwable {
            Object m = monitorOf(r);
            order.beforeMonitor(m);
            synchronized (m) {
                order.afterMonitor(m);
                return (Object) t.invokeExact(r, a, b);
            }
        }

        private Object call3(MethodHandle t, Object r, Object a, Object b, Object c) throws Throwable {
            Object m = monitorOf(r);
            order.beforeMonitor(m);
            synchronized (m) {
                order.afterMonitor(m);
                return (Object) t.invokeExact(r, a, b, c);
            }
        }

        private Object call4(MethodHandle t, Object r, Object a, Object b, Object c, Object d) throws Throwable {
            Object m = monitorOf(r);
            order.beforeMonitor(m);
            synchronized (m) {
                order.afterMonitor(m);
                return (Object) t.invokeExact(r, a, b, c, d);
            }
        }
    }

    /** The call inside the scheduler's monitor of the receiver; the method then takes the JVM's. */
    static final class SerialSite extends Site {
        private final SerialScheduler scheduler;

        SerialSite(SerialScheduler scheduler, Supplier<? extends ThreadState> states, String name, Class<?>[] parameters) {
            super(states, name, parameters, false, false);
            this.scheduler = scheduler;
        }

        private Object call0(MethodHandle t, Object r) throws Throwable {
            scheduler.monitorEnter(r);
            try {
                return (Object) t.invokeExact(r);
            } finally {
                scheduler.monitorExit(r);
            }
        }

        private Object call1(MethodHandle t, Object r, Object a) throws Throwable {
            scheduler.monitorEnter(r);
            try {
                return (Object) t.invokeExact(r, a);
            } finally {
                scheduler.monitorExit(r);
            }
        }

        private Object call2(MethodHandle t, Object r, Object a, Object b) throws Throwable {
            scheduler.monitorEnter(r);
            try {
                return (Object) t.invokeExact(r, a, b);
            } finally {
                scheduler.monitorExit(r);
            }
        }

        private Object call3(MethodHandle t, Object r, Object a, Object b, Object c) throws Throwable {
            scheduler.monitorEnter(r);
            try {
                return (Object) t.invokeExact(r, a, b, c);
            } finally {
                scheduler.monitorExit(r);
            }
        }

        private Object call4(MethodHandle t, Object r, Object a, Object b, Object c, Object d) throws Throwable {
            scheduler.monitorEnter(r);
            try {
                return (Object) t.invokeExact(r, a, b, c, d);
            } finally {
                scheduler.monitorExit(r);
            }
        }
    }
}
