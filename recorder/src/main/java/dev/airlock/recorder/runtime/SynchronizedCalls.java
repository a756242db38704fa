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
 * {@code Collections.synchronized*} wrapper, which locks the wrapper's mutex, or a {@code PrintStream}'s
 * (so lines printed by several threads come out in the recorded order). In {@code threads=ordered} the
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

    private SynchronizedCalls() {
    }

    /**
     * {@code threads=ordered}: {@code target} (receiver first), run holding its receiver's monitor, entered as
     * an application's (a numbered turn), when the receiver's method synchronizes.
     */
    static MethodHandle ordered(SyncOrder order, Supplier<? extends ThreadState> states, String name, MethodHandle target)
        throws ReflectiveOperationException {
        return bracket(target, new OrderedSite(order, states, name, parameters(target)));
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
        return bracket(target, new SerialSite(scheduler, states, name, parameters(target)));
    }

    private static Class<?>[] parameters(MethodHandle target) {
        return target.type().dropParameterTypes(0, 1).parameterArray();
    }

    private static MethodHandle bracket(MethodHandle target, Site site) throws ReflectiveOperationException {
        MethodType type = target.type();
        int arguments = type.parameterCount() - 1;
        if (arguments < 0 || arguments > MOST_ARGUMENTS || type.parameterType(0).isPrimitive()) {
            return target;
        }
        MethodType generic = MethodType.genericMethodType(arguments + 1);
        MethodHandle call = LOOKUP.findVirtual(site.getClass(), "call" + arguments,
            generic.insertParameterTypes(0, MethodHandle.class)).bindTo(site);
        MethodHandle locked = MethodHandles.insertArguments(call, 0, target.asType(generic)).asType(type);
        MethodHandle test = LOOKUP.findVirtual(Site.class, "synchronizes", MethodType.methodType(boolean.class, Object.class))
            .bindTo(site).asType(MethodType.methodType(boolean.class, type.parameterType(0)));
        return MethodHandles.guardWithTest(test, locked, target);
    }

    private static VarHandle mutex(String className) {
        try {
            Class<?> c = Class.forName(className);
            return MethodHandles.privateLookupIn(c, LOOKUP).findVarHandle(c, "mutex", Object.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** One call site: the method it names, and for each receiver class whether that method synchronizes. */
    abstract static class Site extends ClassValue<Boolean> {
        private final Supplier<? extends ThreadState> states;
        private final String name;
        private final Class<?>[] parameters;
        /** Whether the JDK classes that lock in blocks, not by the modifier, count (wrappers, {@code PrintStream}). */
        private final boolean blocksCount;

        Site(Supplier<? extends ThreadState> states, String name, Class<?>[] parameters, boolean blocksCount) {
            this.states = states;
            this.name = name;
            this.parameters = parameters;
            this.blocksCount = blocksCount;
        }

        @Override
        protected Boolean computeValue(Class<?> c) {
            if (c.getName().startsWith(WRAPPER)) {
                return blocksCount && COLLECTION_MUTEX != null && MAP_MUTEX != null;
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

        boolean synchronizes(Object receiver) {
            return receiver != null && get(receiver.getClass());
        }

        static Object monitorOf(Object receiver) {
            if (receiver.getClass().getName().startsWith(WRAPPER)) {
                return receiver instanceof java.util.Map ? MAP_MUTEX.get(receiver) : COLLECTION_MUTEX.get(receiver);
            }
            return receiver;
        }

        /** {@code print(Object)}, {@code println(Object)} of a {@code PrintStream}: the JDK makes the object a string before it locks. */
        boolean printsObject(Object receiver) {
            return parameters.length == 1 && parameters[0] == Object.class && (name.equals("print") || name.equals("println"))
                && receiver.getClass() == PrintStream.class;
        }
    }

    /** The call inside the JVM's monitor, entered as an ordered turn. */
    static final class OrderedSite extends Site {
        private final SyncOrder order;

        OrderedSite(SyncOrder order, Supplier<? extends ThreadState> states, String name, Class<?>[] parameters) {
            super(states, name, parameters, true);
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
            super(states, name, parameters, false);
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
