package dev.airlock.recorder.runtime;

import dev.airlock.bridge.Order;
import dev.airlock.bridge.Orderer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Date;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * What recording and replay share of {@code threads=ordered}: which threads take part (the
 * application's, outside agent code), the cell of each synchronized-on object, and the method handles
 * ordered call sites run. How a turn is taken is the mode's own: the recorder numbers and writes it,
 * replay waits for it.
 */
public abstract class SyncOrder implements Orderer {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    /** The lock pair a read or write lock of a {@code ReentrantReadWriteLock} belongs to; null if closed to us. */
    private static final String READ_LOCK = "java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock";
    private static final String WRITE_LOCK = "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock";
    private static final VarHandle READ_SYNC = syncField(READ_LOCK);
    private static final VarHandle WRITE_SYNC = syncField(WRITE_LOCK);
    private static final VarHandle LOCK_SYNC = syncField(ReentrantLock.class.getName());
    /** The lock (its synchronizer) an {@code AbstractQueuedSynchronizer} condition belongs to. */
    private static final String CONDITION_OBJECT = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject";
    private static final VarHandle CONDITION_LOCK = outerField(CONDITION_OBJECT);
    private static final MethodHandle HELD_EXCLUSIVELY = heldExclusively();
    private static final MethodHandle IS_REENTRANT_LOCK = isReentrantLock();

    private final Supplier<? extends ThreadState> states;
    private final SyncCells cells;
    /** Runs fork-join tasks as logical threads; null when the JDK's tasks stay their pool threads'. */
    private final TaskThreads tasks;

    protected SyncOrder(Supplier<? extends ThreadState> states, boolean numbered) {
        this(states, null, numbered);
    }

    /** @param logical the threads' states, to run fork-join tasks as logical threads; null to leave them */
    protected SyncOrder(Supplier<? extends ThreadState> states, LogicalThreads logical, boolean numbered) {
        this.states = states;
        this.cells = new SyncCells(numbered);
        this.tasks = logical != null && TaskThreads.enable() ? new TaskThreads(logical) : null;
    }

    @Override
    public void taskQueued(Object task) {
        ThreadState s = tasks == null ? null : participant();
        if (s != null) {
            tasks.queued(task, s);
        }
    }

    @Override
    public Object taskStarting(Object task) {
        return tasks == null ? null : tasks.starting(task, participant());
    }

    /**
     * Started as agent work: the thread's name number is not the application's draw, its start is no
     * event, and the thread is not the application's (what it runs, a stage's function, is a logical
     * thread of its own).
     */
    @Override
    public void startPoolThread(Runnable task) {
        ThreadState s = states.get();
        s.agentDepth++;
        try {
            Orderer.super.startPoolThread(task);
        } finally {
            s.agentDepth--;
        }
    }

    @Override
    public Object stageMade() {
        ThreadState s = tasks == null ? null : participant();
        return s == null ? null : tasks.stageName(s);
    }

    @Override
    public Object stageStarting(Object name) {
        return tasks == null ? null : tasks.stageStarting((String) name);
    }

    @Override
    public void runEnded(Object run) {
        tasks.ended((ThreadState) run);
    }

    /** The calling thread's state when its turns are ordered (an application thread outside agent code). */
    protected ThreadState participant() {
        ThreadState s = states.get();
        return s.agentDepth == 0 && s.application() ? s : null;
    }

    protected final SyncCell cellOf(ThreadState s, Object o) {
        return cells.of(o, s);
    }

    protected static SyncCells.Local local(ThreadState s) {
        return SyncCells.localOf(s);
    }

    /**
     * The object a lock's turns are counted on: its synchronizer, which a read and a write lock of one
     * pair share, and which the lock's conditions know (so a condition's wait is a turn on its lock).
     */
    protected static Object lockKey(Object lock) {
        if (lock instanceof ReentrantLock) {
            return LOCK_SYNC == null ? lock : LOCK_SYNC.get(lock);
        }
        Class<?> c = lock.getClass();
        if (c.getClassLoader() != null || READ_SYNC == null || WRITE_SYNC == null) {
            return lock;
        }
        String name = c.getName();
        return name.equals(READ_LOCK) ? READ_SYNC.get(lock) : name.equals(WRITE_LOCK) ? WRITE_SYNC.get(lock) : lock;
    }

    /**
     * The object a condition's waits take their turns on (its lock's, see {@link #lockKey}); null for a
     * condition of another kind than the JDK's locks', whose waits are not ordered.
     */
    protected static Object conditionKey(Condition condition) {
        if (CONDITION_LOCK == null || HELD_EXCLUSIVELY == null || LOCK_SYNC == null
            || !condition.getClass().getName().equals(CONDITION_OBJECT) || condition.getClass().getClassLoader() != null) {
            return null;
        }
        return CONDITION_LOCK.get(condition);
    }

    /** Whether the calling thread holds the lock of a condition that has a {@link #conditionKey}. */
    protected static boolean holdsLock(Object conditionKey) {
        try {
            return (boolean) HELD_EXCLUSIVELY.invoke(conditionKey);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t); // isHeldExclusively declares nothing checked
        }
    }

    private static VarHandle syncField(String className) {
        try {
            Class<?> c = Class.forName(className);
            String sync = className.equals(ReentrantLock.class.getName()) ? "java.util.concurrent.locks.ReentrantLock$Sync"
                : "java.util.concurrent.locks.ReentrantReadWriteLock$Sync";
            return MethodHandles.privateLookupIn(c, LOOKUP).findVarHandle(c, "sync", Class.forName(sync));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static VarHandle outerField(String className) {
        try {
            Class<?> c = Class.forName(className);
            return MethodHandles.privateLookupIn(c, LOOKUP).findVarHandle(c, "this$0", c.getEnclosingClass());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static MethodHandle isReentrantLock() {
        try {
            return LOOKUP.findStatic(SyncOrder.class, "isReentrantLock", MethodType.methodType(boolean.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static boolean isReentrantLock(Object o) {
        return o instanceof ReentrantLock;
    }

    private static MethodHandle heldExclusively() {
        try {
            Class<?> aqs = Class.forName("java.util.concurrent.locks.AbstractQueuedSynchronizer");
            return MethodHandles.privateLookupIn(aqs, LOOKUP).findVirtual(aqs, "isHeldExclusively",
                MethodType.methodType(boolean.class)).asType(MethodType.methodType(boolean.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    // ---- ordered call sites

    @Override
    public final MethodHandle bracket(int kind, String name, MethodHandle target) {
        ThreadState s = states.get();
        // Linking runs JDK code that hashes; as agent work it draws nothing from the thread's sequences.
        s.agentDepth++;
        try {
            return kind == Order.LOCK ? lockCall(name, target)
                : kind == Order.LOCK_IF_REENTRANT ? MethodHandles.guardWithTest(IS_REENTRANT_LOCK.asType(
                    MethodType.methodType(boolean.class, target.type().parameterType(0))), lockCall(name, target), target)
                : kind == Order.SYNCHRONIZED ? SynchronizedCalls.ordered(this, states, name, target)
                : kind == Order.ATOMIC_IF_CONCURRENT
                    ? SynchronizedCalls.orderedStep(this, states, name, target, atomicCall(target, null))
                : kind == Order.TRAVERSAL ? traversalCall(target)
                : kind == Order.PERMITS ? permitCall(name, target)
                : kind == Order.CONDITION ? conditionCall(name, target)
                : kind == Order.TIMED_WAIT ? timedCall(name, target) : atomicCall(target, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            s.agentDepth--;
        }
    }

    @Override
    public final MethodHandle bracketField(MethodHandle access, Class<?> staticOwner) {
        ThreadState s = states.get();
        s.agentDepth++;
        try {
            return atomicCall(access, staticOwner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            s.agentDepth--;
        }
    }

    /**
     * A traversal step of a concurrent collection (see {@link TraversalKeys}): an atomic turn on the
     * collection; else the plain call.
     */
    private MethodHandle traversalCall(MethodHandle target) throws ReflectiveOperationException {
        MethodType type = target.type();
        TraversalKeys keys = new TraversalKeys();
        MethodHandle ordered = atomicCallEntering(target, MethodHandles.filterArguments(enterAtomicHandle(), 0,
            TraversalKeys.KEY_OF.bindTo(keys)).asType(MethodType.methodType(SyncCell.class, type.parameterType(0))));
        return MethodHandles.guardWithTest(TraversalKeys.IS_ORDERED.bindTo(keys).asType(
            MethodType.methodType(boolean.class, type.parameterType(0))), ordered, target);
    }

    /**
     * A semaphore's {@code acquire}, {@code acquireUninterruptibly} or {@code tryAcquire} as one of
     * {@link #acquire} and {@link #tryAcquire}: the count defaults to 1, an untimed try has no unit.
     */
    private MethodHandle permitCall(String name, MethodHandle target) throws ReflectiveOperationException {
        MethodType type = target.type();
        boolean counted = type.parameterCount() > 1 && type.parameterType(1) == int.class;
        MethodHandle h;
        if (name.equals("tryAcquire")) {
            h = LOOKUP.findVirtual(SyncOrder.class, "tryAcquire", MethodType.methodType(boolean.class,
                java.util.concurrent.Semaphore.class, int.class, long.class, TimeUnit.class)).bindTo(this);
            if (type.parameterCount() == (counted ? 2 : 1)) {
                h = MethodHandles.insertArguments(h, 2, 0L, null);
            }
        } else {
            h = LOOKUP.findVirtual(SyncOrder.class, "acquire", MethodType.methodType(void.class,
                java.util.concurrent.Semaphore.class, int.class, boolean.class)).bindTo(this);
            h = MethodHandles.insertArguments(h, 2, name.equals("acquire"));
        }
        if (!counted) {
            h = MethodHandles.insertArguments(h, 1, 1);
        }
        return h.asType(type);
    }

    /** {@code permits} of {@code s}, taken at a turn on it; interruptibly or not, as the call was. */
    protected abstract void acquire(java.util.concurrent.Semaphore s, int permits, boolean interruptibly)
        throws InterruptedException;

    /** {@code tryAcquire}: untimed when {@code unit} is null. Whether it took them is the turn's outcome. */
    protected abstract boolean tryAcquire(java.util.concurrent.Semaphore s, int permits, long time, TimeUnit unit)
        throws InterruptedException;

    /** The call as made. */
    protected static void acquireLive(java.util.concurrent.Semaphore s, int permits, boolean interruptibly)
        throws InterruptedException {
        if (interruptibly) {
            s.acquire(permits);
        } else {
            s.acquireUninterruptibly(permits);
        }
    }

    /** The call as made. */
    protected static boolean tryAcquireLive(java.util.concurrent.Semaphore s, int permits, long time, TimeUnit unit)
        throws InterruptedException {
        return unit == null ? s.tryAcquire(permits) : s.tryAcquire(permits, time, unit);
    }

    private MethodHandle lockCall(String name, MethodHandle target) throws ReflectiveOperationException {
        MethodType type = target.type();
        MethodHandle h;
        if (type.parameterCount() == 3) {
            h = LOOKUP.findVirtual(SyncOrder.class, "tryLock",
                MethodType.methodType(boolean.class, Object.class, long.class, TimeUnit.class));
        } else {
            h = LOOKUP.findVirtual(SyncOrder.class, name, MethodType.methodType(type.returnType(), Object.class));
        }
        return h.bindTo(this).asType(type);
    }

    private MethodHandle conditionCall(String name, MethodHandle target) throws ReflectiveOperationException {
        MethodType type = target.type();
        String own = name.equals("await") && type.parameterCount() == 3 ? "awaitTimed" : name;
        return LOOKUP.findVirtual(SyncOrder.class, own, type.changeParameterType(0, Condition.class))
            .bindTo(this).asType(type);
    }

    private MethodHandle timedCall(String name, MethodHandle target) throws ReflectiveOperationException {
        MethodType type = target.type();
        Class<?> on = name.equals("get") ? Future.class : name.equals("await") ? CountDownLatch.class : ExecutorService.class;
        return LOOKUP.findVirtual(SyncOrder.class, name.equals("get") ? "futureGet" : name,
            type.changeParameterType(0, on).changeReturnType(name.equals("get") ? Object.class : boolean.class))
            .bindTo(this).asType(type);
    }

    private Object futureGet(Future<?> f, long time, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
        if (!waitTimed(f, time, unit)) {
            throw new TimeoutException();
        }
        return f.get(); // done: returns at once
    }

    private boolean await(CountDownLatch latch, long time, TimeUnit unit) throws InterruptedException {
        return waitTimed(latch, time, unit);
    }

    private boolean awaitTermination(ExecutorService pool, long time, TimeUnit unit) throws InterruptedException {
        return waitTimed(pool, time, unit);
    }

    /**
     * Waits up to {@code time} for {@code on} (a {@code Future} to be done, a {@code CountDownLatch} to
     * open, an {@code ExecutorService} to terminate); returns whether it happened in time. Whether it did
     * is a turn on {@code on}: recorded, and replayed as recorded.
     */
    protected abstract boolean waitTimed(Object on, long time, TimeUnit unit) throws InterruptedException;

    /**
     * Whether a timed wait on {@code on} is a turn: not a fork-join task's or pool's, whose waits run
     * other tasks in the waiting thread.
     */
    protected static boolean ordersTimedWait(Object on) {
        return on != null && !(on instanceof java.util.concurrent.ForkJoinTask)
            && !(on instanceof java.util.concurrent.ForkJoinPool);
    }

    /**
     * {@link #waitTimed} as the JVM decides it, for a participant: the JDK code it runs (a pool's locks,
     * say) takes no turns, since how often it runs them depends on timing, and its outcome is the turn.
     */
    protected static boolean waitLive(ThreadState s, Object on, long time, TimeUnit unit) throws InterruptedException {
        s.agentDepth++;
        try {
            return waitLive(on, time, unit);
        } finally {
            s.agentDepth--;
        }
    }

    /** {@link #waitTimed} as the JVM decides it. */
    protected static boolean waitLive(Object on, long time, TimeUnit unit) throws InterruptedException {
        if (on instanceof CountDownLatch) {
            return ((CountDownLatch) on).await(time, unit);
        }
        if (on instanceof ExecutorService) {
            return ((ExecutorService) on).awaitTermination(time, unit);
        }
        try {
            ((Future<?>) on).get(time, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException | CancellationException e) {
            return true; // done; the get after says how
        }
    }

    private void await(Condition c) throws InterruptedException {
        awaitCondition(c, Order.AWAIT, 0, null);
    }

    private void awaitUninterruptibly(Condition c) {
        try {
            awaitCondition(c, Order.AWAIT_UNINTERRUPTIBLY, 0, null);
        } catch (InterruptedException e) {
            throw new AssertionError(e); // an uninterruptible wait throws none
        }
    }

    private long awaitNanos(Condition c, long nanos) throws InterruptedException {
        return awaitCondition(c, Order.AWAIT_NANOS, nanos, null);
    }

    private boolean awaitTimed(Condition c, long time, TimeUnit unit) throws InterruptedException {
        return awaitCondition(c, Order.AWAIT_TIMED, unit.toNanos(time), null) > 0;
    }

    private boolean awaitUntil(Condition c, Date deadline) throws InterruptedException {
        return awaitCondition(c, Order.AWAIT_UNTIL, 0, deadline) > 0;
    }

    /** The condition wait as called. */
    protected static long awaitLive(Condition c, int how, long nanos, Date deadline) throws InterruptedException {
        return Order.awaitLive(c, how, nanos, deadline);
    }

    /** Whether a condition wait's result (as {@link #awaitLive} returns it) says it timed out. */
    protected static boolean timedOut(long result) {
        return result <= 0;
    }

    /**
     * {@code c}'s wait ({@code how}: {@link Order#AWAIT} and so on), whose return, holding the lock again,
     * is a turn on the lock. Returns what {@link #awaitLive} returns.
     */
    @Override
    public abstract long awaitCondition(Condition c, int how, long nanos, Date deadline) throws InterruptedException;

    /**
     * {@code target} run between {@link #enterAtomic} and {@link #exitAtomic}, whatever it throws; the
     * turn is on its receiver, or on {@code key} when that is given (a static field's class).
     */
    private MethodHandle atomicCall(MethodHandle target, Object key) throws ReflectiveOperationException {
        MethodHandle enter = enterAtomicHandle();
        enter = key != null ? MethodHandles.insertArguments(enter, 0, key)
            : enter.asType(MethodType.methodType(SyncCell.class, target.type().parameterType(0)));
        return atomicCallEntering(target, enter);
    }

    private MethodHandle enterAtomicHandle() throws ReflectiveOperationException {
        return LOOKUP.findVirtual(SyncOrder.class, "enterAtomic", MethodType.methodType(SyncCell.class, Object.class))
            .bindTo(this);
    }

    /** {@code target} run between {@code enter} (given the call's leading arguments) and {@link #exitAtomic}. */
    private MethodHandle atomicCallEntering(MethodHandle target, MethodHandle enter) throws ReflectiveOperationException {
        MethodType type = target.type();
        Class<?> r = type.returnType();
        MethodHandle core = MethodHandles.dropArguments(target, 0, SyncCell.class);
        MethodHandle exit;
        if (r == void.class) {
            exit = LOOKUP.findVirtual(SyncOrder.class, "exitVoid",
                MethodType.methodType(void.class, Throwable.class, SyncCell.class)).bindTo(this);
        } else {
            Class<?> kept = r == boolean.class || r == int.class || r == long.class ? r : Object.class;
            exit = LOOKUP.findVirtual(SyncOrder.class, "exit", MethodType.methodType(kept, Throwable.class, kept,
                SyncCell.class)).bindTo(this).asType(MethodType.methodType(r, Throwable.class, r, SyncCell.class));
        }
        MethodHandle guarded = MethodHandles.tryFinally(core, exit);
        return MethodHandles.foldArguments(guarded, enter);
    }

    private void exitVoid(Throwable t, SyncCell c) {
        if (c != null) {
            exitAtomic(c, false);
        }
    }

    private boolean exit(Throwable t, boolean result, SyncCell c) {
        if (c != null) {
            exitAtomic(c, t == null && !result);
        }
        return result;
    }

    private int exit(Throwable t, int result, SyncCell c) {
        if (c != null) {
            exitAtomic(c, false);
        }
        return result;
    }

    private long exit(Throwable t, long result, SyncCell c) {
        if (c != null) {
            exitAtomic(c, false);
        }
        return result;
    }

    private Object exit(Throwable t, Object result, SyncCell c) {
        if (c != null) {
            exitAtomic(c, false);
        }
        return result;
    }

    @Override
    public final Object atomicEntered(Object key) {
        return enterAtomic(key);
    }

    @Override
    public final void atomicExited(Object token, boolean falseResult) {
        if (token != null) {
            exitAtomic((SyncCell) token, falseResult);
        }
    }

    /**
     * Before an atomic update of {@code key} (the receiver: the atomic, its array, updater or
     * {@code VarHandle}): the cell whose turn this update takes, or null when the thread takes no part.
     */
    protected abstract SyncCell enterAtomic(Object key);

    /** After it; {@code falseResult} when it returned false (a compare-and-set that failed). */
    protected abstract void exitAtomic(SyncCell c, boolean falseResult);

    @Override
    public abstract void lock(Object lock);

    @Override
    public abstract void lockInterruptibly(Object lock) throws InterruptedException;

    protected abstract boolean tryLock(Object lock);

    protected abstract boolean tryLock(Object lock, long time, TimeUnit unit) throws InterruptedException;
}
