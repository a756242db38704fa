package dev.airlock.bridge;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The static methods application code calls in the {@code threads=ordered} mode: around its monitor instructions, in place of {@code Object.wait}, and, through
 * {@link #bootstrap}, around its calls of lock methods, condition waits and atomic updates. Each forwards to the
 * installed {@link Orderer}.
 */
public final class Order {

    /** A call that takes a lock ({@code lock}, {@code lockInterruptibly}, {@code tryLock}). */
    public static final int LOCK = 1;
    /** An atomic read-modify-write or write ({@code incrementAndGet}, {@code compareAndSet}, {@code set}, ...). */
    public static final int ATOMIC = 2;
    /** A wait on a lock's {@code Condition} ({@code await}, {@code awaitNanos}, ...), whose return takes the lock again. */
    public static final int CONDITION = 3;
    /**
     * A wait with a timeout whose outcome (in time, timed out) is kept: {@code Future.get(time, unit)},
     * {@code CountDownLatch.await(time, unit)}, {@code awaitTermination(time, unit)}.
     */
    public static final int TIMED_WAIT = 4;
    /**
     * A call through a collection interface ({@code Map.merge}, {@code Queue.poll}, {@code List.add}, ...):
     * an {@link #ATOMIC} step when the receiver is a concurrent collection ({@link #isConcurrent}), else
     * as {@link #SYNCHRONIZED}.
     */
    public static final int ATOMIC_IF_CONCURRENT = 5;
    /**
     * A call of a method that synchronizes on its receiver (a {@code StringBuffer}'s, {@code Vector}'s,
     * {@code Hashtable}'s) or on a {@code Collections.synchronized*} wrapper's lock: a monitor turn taken
     * around the call, else the plain call. Also what an {@link #ATOMIC_IF_CONCURRENT} call is when its
     * receiver is not a concurrent collection.
     */
    public static final int SYNCHRONIZED = 6;
    /**
     * A step of a traversal ({@code iterator()}, an iterator's {@code next} or {@code remove}): an
     * {@link #ATOMIC} step on the map when the receiver is a {@code ConcurrentHashMap}'s view or iterator,
     * else the plain call.
     */
    public static final int TRAVERSAL = 7;
    /**
     * A call that takes permits of a {@code Semaphore} ({@code acquire}, {@code acquireUninterruptibly},
     * {@code tryAcquire}, with or without a count and a timeout): a turn on the semaphore when it took them.
     */
    public static final int PERMITS = 8;
    /**
     * A call of {@code lock}, {@code lockInterruptibly} or {@code tryLock} naming an application's class:
     * a {@link #LOCK} call when the receiver is a {@code ReentrantLock} (a class derived from it, as
     * Guava's cache segments are), else the plain call.
     */
    public static final int LOCK_IF_REENTRANT = 9;

    /** How a condition wait was called: the waiting methods of {@code Condition}. */
    public static final int AWAIT = 0;
    public static final int AWAIT_UNINTERRUPTIBLY = 1;
    public static final int AWAIT_NANOS = 2;
    public static final int AWAIT_TIMED = 3;
    public static final int AWAIT_UNTIL = 4;

    private static volatile Orderer orderer = Orderer.NONE;

    private Order() {
    }

    /** Installs the orderer, before any application class is rewritten for it. */
    public static void install(Orderer o) {
        orderer = Objects.requireNonNull(o);
    }

    public static void beforeMonitor(Object monitor) {
        orderer.beforeMonitor(monitor);
    }

    public static void afterMonitor(Object monitor) {
        orderer.afterMonitor(monitor);
    }

    /** Called by rewritten JDK code holding the JVM's monitor it just entered: see {@link Orderer#monitorHeld}. */
    public static void monitorHeld(Object monitor) {
        orderer.monitorHeld(monitor);
    }

    /** Called as a work queue's {@code push} starts: see {@link Orderer#taskQueued}. */
    public static void taskQueued(Object task) {
        orderer.taskQueued(task);
    }

    /**
     * Called by {@code ForkJoinTask.doExec} in place of {@code exec()}: runs it as a logical thread of
     * its own (see {@link Orderer#taskStarting}).
     */
    public static boolean execTask(java.util.concurrent.ForkJoinTask<?> task) throws Throwable {
        Orderer o = orderer;
        Object resume = o.taskStarting(task);
        try {
            return (boolean) TaskExec.EXEC.invokeExact(task);
        } finally {
            if (resume != null) {
                o.runEnded(resume);
            }
        }
    }

    /** Java 17's {@code CompletableFuture.ThreadPerTaskExecutor.execute}: see {@link Orderer#startPoolThread}. */
    public static void startPoolThread(Runnable task) {
        orderer.startPoolThread(task);
    }

    // ---- the functions of CompletableFuture stages, wrapped where the application makes a stage

    public static java.util.function.Function<?, ?> stage(java.util.function.Function<?, ?> f) {
        Object name = f == null ? null : orderer.stageMade();
        return name == null ? f : new StageFunctions.OfFunction<>(f, name);
    }

    public static java.util.function.BiFunction<?, ?, ?> stage(java.util.function.BiFunction<?, ?, ?> f) {
        Object name = f == null ? null : orderer.stageMade();
        return name == null ? f : new StageFunctions.OfBiFunction<>(f, name);
    }

    public static java.util.function.Consumer<?> stage(java.util.function.Consumer<?> f) {
        Object name = f == null ? null : orderer.stageMade();
        return name == null ? f : new StageFunctions.OfConsumer<>(f, name);
    }

    public static java.util.function.BiConsumer<?, ?> stage(java.util.function.BiConsumer<?, ?> f) {
        Object name = f == null ? null : orderer.stageMade();
        return name == null ? f : new StageFunctions.OfBiConsumer<>(f, name);
    }

    public static Runnable stage(Runnable f) {
        Object name = f == null ? null : orderer.stageMade();
        return name == null ? f : new StageFunctions.OfRunnable(f, name);
    }

    public static java.util.function.Supplier<?> stage(java.util.function.Supplier<?> f) {
        Object name = f == null ? null : orderer.stageMade();
        return name == null ? f : new StageFunctions.OfSupplier<>(f, name);
    }

    static Object stageStarting(Object name) {
        return orderer.stageStarting(name);
    }

    static void runEnded(Object run) {
        if (run != null) {
            orderer.runEnded(run);
        }
    }

    /** {@code ForkJoinTask.exec()}, which is protected; looked up on first use. */
    private static final class TaskExec {
        static final MethodHandle EXEC = JdkLookup.virtual(java.util.concurrent.ForkJoinTask.class, "exec", boolean.class);
    }

    /** Whether {@link #execTask} can call {@code exec()} (the JDK opened its package to the bridge). */
    public static boolean canExecTasks() {
        return TaskExec.EXEC != null;
    }

    public static void wait(Object monitor, int site) throws InterruptedException {
        orderer.await(Objects.requireNonNull(monitor), 0, 0);
    }

    public static void wait(Object monitor, long millis, int site) throws InterruptedException {
        if (millis < 0) {
            throw new IllegalArgumentException("timeout value is negative");
        }
        orderer.await(Objects.requireNonNull(monitor), millis, 0);
    }

    public static void wait(Object monitor, long millis, int nanos, int site) throws InterruptedException {
        if (millis < 0 || nanos < 0 || nanos > 999_999) {
            throw new IllegalArgumentException("timeout value is negative or nanos out of range");
        }
        orderer.await(Objects.requireNonNull(monitor), millis, nanos);
    }

    /**
     * Links an ordered call site: {@code type} is the call's own, receiver first. The target is the
     * method the call named, found with the caller's access, or for a {@code VarHandle} its invoker.
     */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type, int kind)
        throws ReflectiveOperationException {
        Class<?> owner = type.parameterType(0);
        MethodType call = type.dropParameterTypes(0, 1);
        MethodHandle target = owner == VarHandle.class
            ? MethodHandles.varHandleInvoker(VarHandle.AccessMode.valueFromMethodName(name), call)
            : caller.findVirtual(owner, name, call);
        target = target.asType(type);
        return new ConstantCallSite(orderer.bracket(kind, name, target));
    }

    /** Whether a collection of this class is one whose calls are ordered when made through its own type. */
    public static boolean isConcurrent(Class<?> c) {
        return java.util.concurrent.ConcurrentMap.class.isAssignableFrom(c)
            || java.util.concurrent.ConcurrentSkipListSet.class.isAssignableFrom(c)
            || java.util.concurrent.ConcurrentLinkedQueue.class.isAssignableFrom(c)
            || java.util.concurrent.ConcurrentLinkedDeque.class.isAssignableFrom(c)
            || java.util.concurrent.CopyOnWriteArrayList.class.isAssignableFrom(c)
            || java.util.concurrent.CopyOnWriteArraySet.class.isAssignableFrom(c);
    }

    /**
     * Links a read or write of a volatile field: {@code opcode} is the field instruction it replaces,
     * {@code owner} the class it named. The access is found with the caller's rights.
     */
    public static CallSite field(MethodHandles.Lookup caller, String name, MethodType type, int opcode, Class<?> owner)
        throws ReflectiveOperationException {
        MethodHandle access;
        switch (opcode) {
            case 0xb4: // getfield
                access = caller.findGetter(owner, name, type.returnType());
                break;
            case 0xb5: // putfield
                access = caller.findSetter(owner, name, type.parameterType(1));
                break;
            case 0xb2: // getstatic
                access = caller.findStaticGetter(owner, name, type.returnType());
                break;
            default: // putstatic
                access = caller.findStaticSetter(owner, name, type.parameterType(0));
                break;
        }
        boolean isStatic = opcode == 0xb2 || opcode == 0xb3;
        return new ConstantCallSite(orderer.bracketField(access.asType(type), isStatic ? owner : null));
    }

    /** The condition wait as called ({@code how}), {@code await(time, unit)} as nanoseconds, true as 1. */
    public static long awaitLive(Condition c, int how, long nanos, Date deadline) throws InterruptedException {
        switch (how) {
            case AWAIT:
                c.await();
                return 1;
            case AWAIT_UNINTERRUPTIBLY:
                c.awaitUninterruptibly();
                return 1;
            case AWAIT_NANOS:
                return c.awaitNanos(nanos);
            case AWAIT_TIMED:
                return c.await(nanos, TimeUnit.NANOSECONDS) ? 1 : 0;
            default:
                return c.awaitUntil(deadline) ? 1 : 0;
        }
    }

    // ---- called by the JDK's blocking queues and thread pool, rewritten with static calls (no call sites to link there)

    public static void lock(ReentrantLock lock) {
        orderer.lock(lock);
    }

    public static void lockInterruptibly(ReentrantLock lock) throws InterruptedException {
        orderer.lockInterruptibly(lock);
    }

    public static void await(Condition c) throws InterruptedException {
        orderer.awaitCondition(c, AWAIT, 0, null);
    }

    public static long awaitNanos(Condition c, long nanos) throws InterruptedException {
        return orderer.awaitCondition(c, AWAIT_NANOS, nanos, null);
    }

    public static int countGet(AtomicInteger a) {
        Object t = orderer.atomicEntered(a);
        try {
            return a.get();
        } finally {
            orderer.atomicExited(t, false);
        }
    }

    public static void countSet(AtomicInteger a, int value) {
        Object t = orderer.atomicEntered(a);
        try {
            a.set(value);
        } finally {
            orderer.atomicExited(t, false);
        }
    }

    public static int countGetAndIncrement(AtomicInteger a) {
        Object t = orderer.atomicEntered(a);
        try {
            return a.getAndIncrement();
        } finally {
            orderer.atomicExited(t, false);
        }
    }

    public static int countGetAndDecrement(AtomicInteger a) {
        Object t = orderer.atomicEntered(a);
        try {
            return a.getAndDecrement();
        } finally {
            orderer.atomicExited(t, false);
        }
    }

    public static int countGetAndAdd(AtomicInteger a, int delta) {
        Object t = orderer.atomicEntered(a);
        try {
            return a.getAndAdd(delta);
        } finally {
            orderer.atomicExited(t, false);
        }
    }

    public static int countGetAndSet(AtomicInteger a, int value) {
        Object t = orderer.atomicEntered(a);
        try {
            return a.getAndSet(value);
        } finally {
            orderer.atomicExited(t, false);
        }
    }

    public static int countAddAndGet(AtomicInteger a, int delta) {
        Object t = orderer.atomicEntered(a);
        try {
            return a.addAndGet(delta);
        } finally {
            orderer.atomicExited(t, false);
        }
    }

    public static boolean countCompareAndSet(AtomicInteger a, int expected, int value) {
        Object t = orderer.atomicEntered(a);
        boolean set = false;
        try {
            set = a.compareAndSet(expected, value);
            return set;
        } finally {
            orderer.atomicExited(t, !set);
        }
    }
}
