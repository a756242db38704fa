package dev.airlock.bridge;

import java.lang.invoke.MethodHandle;
import java.util.Date;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * The runtime behind {@link Order}, in the {@code threads=ordered} mode: threads run in parallel, and
 * the order in which they take each monitor and lock, and apply each atomic update, is recorded per
 * object and enforced on replay.
 */
public interface Orderer {

    /** Just before application code enters {@code monitor}'s monitor: on replay, waits for its turn on it. */
    void beforeMonitor(Object monitor);

    /** Just after the monitor was entered: records (or checks and passes) this turn on it. */
    void afterMonitor(Object monitor);

    /**
     * JDK code entered the monitor without {@link #beforeMonitor} (a {@code synchronized} method of a class
     * loaded before the agent) and holds it: the turn is taken here; on replay, waited for inside the
     * monitor (given up meanwhile, as {@code wait} does). Recording numbers it as {@link #afterMonitor}.
     */
    default void monitorHeld(Object monitor) {
        afterMonitor(monitor);
    }

    /**
     * A fork-join task is being queued (forked or submitted to a pool): it is named after the thread, or
     * task, that queues it, so its run can be a thread of its own (see {@link #taskStarting}).
     */
    default void taskQueued(Object task) {
    }

    /**
     * A fork-join task's {@code exec} is about to run on the calling thread. Which pool thread runs which
     * task is the pool's choice, made anew on replay, so the run is a logical thread of its own, named by
     * the task: returns what {@link #runEnded} needs to put the calling thread back, or null when the
     * run stays the calling thread's.
     */
    default Object taskStarting(Object task) {
        return null;
    }

    /**
     * Starts a thread of the JDK's to run {@code task} ({@code CompletableFuture}'s thread per async stage
     * on Java 17): a pool thread, not the application's, whichever thread happens to start it.
     */
    default void startPoolThread(Runnable task) {
        new Thread(java.util.Objects.requireNonNull(task)).start();
    }

    /**
     * The application makes a {@code CompletableFuture} stage: returns the name its function runs under
     * (see {@link StageFunctions}), or null to leave the function as it is.
     */
    default Object stageMade() {
        return null;
    }

    /** A stage's function starts: it runs as the logical thread {@code name}; returns what {@link #runEnded} needs. */
    default Object stageStarting(Object name) {
        return null;
    }

    /**
     * The run of a task or stage function that {@link #taskStarting} or {@link #stageStarting} began (it
     * returned {@code run}) has returned or thrown.
     */
    default void runEnded(Object run) {
    }

    /** {@code monitor.wait(millis, nanos)}, whose return takes the monitor again: a turn on it. */
    void await(Object monitor, long millis, int nanos) throws InterruptedException;

    /**
     * The method handle an ordered call site runs instead of {@code target} (a lock method, an atomic
     * update), with the same type. {@code kind} is one of {@link Order}'s call kinds.
     */
    MethodHandle bracket(int kind, String name, MethodHandle target);

    /**
     * The method handle a volatile field's access runs instead of {@code access}: a turn on the
     * receiver, or on {@code staticOwner} for a static field (null for an instance field).
     */
    MethodHandle bracketField(MethodHandle access, Class<?> staticOwner);

    // ---- the same, called directly: from JDK classes, where call sites are not linked

    /** {@code lock.lock()}, a turn on the lock. */
    void lock(Object lock);

    /** {@code lock.lockInterruptibly()}, a turn on the lock unless interrupted. */
    void lockInterruptibly(Object lock) throws InterruptedException;

    /**
     * A wait on a lock's condition ({@code how}: {@link Order}'s {@code AWAIT...}), whose return takes
     * the lock again: a turn on the lock. Returns what the wait returns, {@code true} as 1.
     */
    long awaitCondition(Condition condition, int how, long nanos, Date deadline) throws InterruptedException;

    /** Before an atomic access of {@code key}: a token for {@link #atomicExited}, null if it is not ordered. */
    Object atomicEntered(Object key);

    /** After the access: its turn is taken; {@code falseResult} when it returned false. */
    void atomicExited(Object token, boolean falseResult);

    /** Leaves monitors, waits and calls what they are: when no orderer is installed. */
    Orderer NONE = new Orderer() {
        @Override
        public void beforeMonitor(Object monitor) {
        }

        @Override
        public void afterMonitor(Object monitor) {
        }

        @Override
        public void await(Object monitor, long millis, int nanos) throws InterruptedException {
            monitor.wait(millis, nanos);
        }

        @Override
        public MethodHandle bracket(int kind, String name, MethodHandle target) {
            return target;
        }

        @Override
        public MethodHandle bracketField(MethodHandle access, Class<?> staticOwner) {
            return access;
        }

        @Override
        public void lock(Object lock) {
            ((Lock) lock).lock();
        }

        @Override
        public void lockInterruptibly(Object lock) throws InterruptedException {
            ((Lock) lock).lockInterruptibly();
        }

        @Override
        public long awaitCondition(Condition condition, int how, long nanos, Date deadline)
            throws InterruptedException {
            return Order.awaitLive(condition, how, nanos, deadline);
        }

        @Override
        public Object atomicEntered(Object key) {
            return null;
        }

        @Override
        public void atomicExited(Object token, boolean falseResult) {
        }
    };
}
