package dev.airlock.recorder.runtime;

import dev.airlock.bridge.Scheduler;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What recording and replay share of the {@code threads=serial} mode: one application thread holds the
 * turn at a time, every scheduler operation is counted, and the application's monitors, waits, sleeps
 * and joins are decided while holding the turn. How the turn passes is the mode's own: the recorder
 * decides and writes down ({@link RecordedTurns}), replay follows what was written.
 *
 * <p>Threads outside the schedule (the JVM's, the agent's, any once shutdown began) still get correct
 * monitors, waits and sleeps, only without turns.
 */
public abstract class SerialScheduler implements Scheduler {

    private static final long POLL_NANOS = 1_000_000L;

    private final Supplier<? extends ThreadState> states;
    protected final MonitorTable monitors = new MonitorTable();
    private final Map<Thread, TurnState> byThread = new WeakHashMap<>();
    protected volatile boolean freeRun;
    /** Threads in {@link #waitFor}: only then does freeing a monitor need to wake anybody. */
    private volatile int conditionWaiters;

    protected SerialScheduler(Supplier<? extends ThreadState> states) {
        this.states = states;
    }

    /** The thread's turn state, or null when it does not take part (not the application's, say). */
    protected abstract TurnState register(ThreadState state, Thread thread);

    /** Whether {@code t} holds the turn now. */
    protected abstract boolean holds(TurnState t);

    /** Makes sure {@code t} holds the turn before it counts an operation; waits if it must. */
    protected abstract void ensureTurn(TurnState t);

    /** Waits until {@code t} holds the turn again. */
    protected abstract void beginTurn(TurnState t);

    /** Ends the turn {@code t} holds, after {@code t.points} points, for {@code reason}. */
    protected abstract void endTurn(TurnState t, int reason);

    /** After {@code t.points++} at a method entry or back-edge, or a yield (then {@code yielding}). */
    protected abstract void counted(TurnState t, boolean yielding);

    /**
     * Whether a thread whose turn ended must really wait for {@code condition} before asking for its next
     * turn. Recording must; replay need not, since the schedule already says when the next turn comes.
     */
    protected abstract boolean waitsForConditions();

    // ---- the operations

    /**
     * Enters the scheduler's own code on the calling thread; returns the thread's turn state when the
     * schedule governs it (then holding the turn, with this operation counted), else null. Pair with
     * {@link #leave} in a finally.
     */
    private TurnState enter(ThreadState s, boolean counted) {
        TurnState t = governed(s);
        s.agentDepth++;
        if (t != null) {
            t.inScheduler(true);
            if (counted) {
                ensureTurn(t);
                t.points++;
            }
        }
        return t;
    }

    private static void leave(ThreadState s, TurnState t) {
        s.agentDepth--;
        if (t != null) {
            t.inScheduler(false);
        }
    }

    @Override
    public final void point() {
        ThreadState s = states.get();
        TurnState t = enter(s, true);
        try {
            if (t != null) {
                counted(t, false);
            }
        } finally {
            leave(s, t);
        }
    }

    @Override
    public final void initializing(boolean starts) {
        ThreadState s = states.get();
        TurnState t = enter(s, false);
        try {
            if (t != null) {
                t.initializing += starts ? 1 : -1;
                if (t.initializing == 0) {
                    t.keptForInitializer = 0;
                }
            }
        } finally {
            leave(s, t);
        }
    }

    @Override
    public final void yieldTurn() {
        ThreadState s = states.get();
        TurnState t = enter(s, true);
        try {
            if (t != null) {
                counted(t, true);
            } else {
                Thread.yield();
            }
        } finally {
            leave(s, t);
        }
    }

    @Override
    public final void blocking() {
        ThreadState s = states.get();
        TurnState t = enter(s, true);
        try {
            if (t != null) {
                t.outOfSight = true;
                endTurn(t, TurnEnd.BLOCKED);
            }
        } finally {
            leave(s, t);
        }
    }

    @Override
    public final void unblocked() {
        ThreadState s = states.get();
        TurnState t = enter(s, false);
        try {
            if (t != null) {
                t.outOfSight = false;
                beginTurn(t);
            }
        } finally {
            leave(s, t);
        }
    }

    @Override
    public final void monitorEnter(Object o) {
        ThreadState s = states.get();
        TurnState t = enter(s, true);
        try {
            reenter(t, o, Thread.currentThread(), 0);
        } finally {
            leave(s, t);
        }
    }

    @Override
    public final java.lang.invoke.MethodHandle bracketSynchronized(String name, java.lang.invoke.MethodHandle target) {
        ThreadState s = states.get();
        // linking runs JDK code: agent work, no points
        s.agentDepth++;
        try {
            return SynchronizedCalls.serial(this, states, name, target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            s.agentDepth--;
        }
    }

    @Override
    public final void monitorExit(Object o) {
        ThreadState s = states.get();
        TurnState t = enter(s, true);
        try {
            if (monitors.exit(o, Thread.currentThread())) {
                wakeAll();
            }
        } finally {
            leave(s, t);
        }
    }

    @Override
    public final void await(Object o, long millis, int nanos) throws InterruptedException {
        ThreadState s = states.get();
        TurnState t = enter(s, true);
        Thread me = Thread.currentThread();
        try {
            TurnState waiter = t != null ? t : new TurnState(me, -1, null);
            if (me.isInterrupted()) {
                int held = monitors.releaseForWait(o, me, waiter); // checks ownership first, as Object.wait does
                monitors.leaveWaitSet(o, waiter);
                reenter(t, o, me, held);
                Thread.interrupted();
                throw dev.airlock.bridge.JdkThrown.waitInterrupted(o, millis, nanos);
            }
            int count = monitors.releaseForWait(o, me, waiter);
            wakeAll();
            long timeout = millis * 1_000_000L + nanos;
            long deadline = timeout == 0 ? 0 : System.nanoTime() + timeout;
            if (t != null) {
                t.seenAs = timeout == 0 ? Thread.State.WAITING : Thread.State.TIMED_WAITING;
                endTurn(t, TurnEnd.WAITING);
            }
            waitFor(t, () -> waiter.notified || me.isInterrupted(), deadline);
            if (t != null) {
                t.seenAs = null;
                beginTurn(t);
            }
            if (!waiter.notified) {
                monitors.leaveWaitSet(o, waiter);
            }
            reenter(t, o, me, count);
            if (Thread.interrupted()) {
                throw dev.airlock.bridge.JdkThrown.waitInterrupted(o, millis, nanos);
            }
        } finally {
            leave(s, t);
        }
    }

    /**
     * Takes the monitor, waiting (without the turn) while another thread holds it; then sets its entry
     * count to {@code count}, or leaves the one entry when {@code count} is 0.
     */
    private void reenter(TurnState t, Object o, Thread me, int count) {
        while (!monitors.tryEnter(o, me)) {
            if (t != null) {
                t.seenAs = Thread.State.BLOCKED;
                endTurn(t, TurnEnd.MONITOR);
            }
            waitFor(t, () -> monitors.isFree(o), 0);
            if (t != null) {
                t.seenAs = null;
                beginTurn(t);
            }
        }
        if (count > 0) {
            monitors.restoreCount(o, count);
        }
    }

    @Override
    public final void signal(Object o, boolean all) {
        ThreadState s = states.get();
        TurnState t = enter(s, true);
        try {
            for (TurnState w : monitors.signal(o, Thread.currentThread(), all)) {
                w.wake();
            }
        } finally {
            leave(s, t);
        }
    }

    /**
     * Not a scheduling point (not counted): it only asks, as {@code Thread.holdsLock} does of the JVM's
     * monitors. Inside the scheduler like every operation, so the table hashes with the JVM's hashes.
     */
    @Override
    public final boolean holdsLock(Object o) {
        ThreadState s = states.get();
        TurnState t = enter(s, false);
        try {
            return monitors.isOwner(o, Thread.currentThread());
        } finally {
            leave(s, t);
        }
    }

    @Override
    public final void sleep(long millis, int nanos) throws InterruptedException {
        ThreadState s = states.get();
        TurnState t = enter(s, true);
        try {
            if (t == null) {
                Thread.sleep(millis, nanos);
                return;
            }
            t.seenAs = Thread.State.TIMED_WAITING;
            endTurn(t, TurnEnd.BLOCKED);
            if (waitsForConditions()) {
                sleepKeepingInterrupt(() -> Thread.sleep(millis, nanos));
            }
            t.seenAs = null;
            beginTurn(t);
            // Whether the sleep was interrupted is decided holding the turn, so replay decides alike.
            if (Thread.interrupted()) {
                throw dev.airlock.bridge.JdkThrown.sleepInterrupted();
            }
        } finally {
            leave(s, t);
        }
    }

    @Override
    public final void join(Thread thread, long millis, int nanos) throws InterruptedException {
        ThreadState s = states.get();
        TurnState t = enter(s, true);
        try {
            if (t == null) {
                thread.join(millis, nanos);
                return;
            }
            t.seenAs = millis == 0 && nanos == 0 ? Thread.State.WAITING : Thread.State.TIMED_WAITING;
            endTurn(t, TurnEnd.BLOCKED);
            if (waitsForConditions() || millis == 0 && nanos == 0) {
                sleepKeepingInterrupt(() -> thread.join(millis, nanos));
            }
            t.seenAs = null;
            beginTurn(t);
            TurnState joined = turnOf(thread);
            if (joined != null && joined.exited) {
                // Its last turn is over: let it finish dying, so isAlive() answers alike on replay.
                thread.join();
            }
            if (Thread.interrupted()) {
                throw dev.airlock.bridge.JdkThrown.joinInterrupted(thread, millis, nanos);
            }
        } finally {
            leave(s, t);
        }
    }

    private interface Blocking {
        void run() throws InterruptedException;
    }

    /** Blocks; an interrupt ends the block and stays set, to be acted on holding the turn. */
    private static void sleepKeepingInterrupt(Blocking block) {
        try {
            block.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public final void threadExiting() {
        ThreadState s = states.get();
        TurnState t = enter(s, true);
        try {
            if (t != null) {
                t.exited = true;
                endTurn(t, TurnEnd.EXITED);
            }
        } finally {
            leave(s, t);
        }
    }

    @Override
    public void shuttingDown() {
        freeRun = true;
        wakeAll();
    }

    // ---- helpers

    /** The thread's turn state when the schedule governs it now, else null. */
    private TurnState governed(ThreadState s) {
        if (freeRun || s.agentDepth != 0 || !s.application()) {
            return null;
        }
        TurnState t = s.turn;
        if (t == null) {
            s.agentDepth++;
            try {
                t = register(s, Thread.currentThread());
                if (t == null) {
                    return null;
                }
                s.turn = t;
                synchronized (byThread) {
                    byThread.put(t.thread, t);
                }
            } finally {
                s.agentDepth--;
            }
        }
        return t.exited ? null : t;
    }

    /**
     * Held back by the scheduler, a thread is in the state the program would see it in; waiting for its
     * turn, it is runnable; blocked out of sight or done, the JVM's own state is right.
     */
    @Override
    public final Thread.State stateOf(Thread thread) {
        TurnState t = turnOf(thread);
        if (t == null || t.outOfSight || t.exited) {
            return null;
        }
        Thread.State seen = t.seenAs;
        return seen != null ? seen : Thread.State.RUNNABLE;
    }

    private TurnState turnOf(Thread thread) {
        synchronized (byThread) {
            return byThread.get(thread);
        }
    }

    /**
     * Waits, without the turn, until {@code condition} holds or {@code deadline} (a nanoTime; 0 for
     * none) passes, when this mode waits for conditions or the thread is outside the schedule.
     */
    protected final void waitFor(TurnState t, BooleanSupplier condition, long deadline) {
        if (t != null && !waitsForConditions() && !freeRun) {
            return;
        }
        TurnState napper = t != null ? t : new TurnState(Thread.currentThread(), -1, null);
        synchronized (byThread) {
            conditionWaiters++;
        }
        try {
            while (!condition.getAsBoolean()) {
                long wait = POLL_NANOS;
                if (deadline != 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return;
                    }
                    wait = Math.min(wait, left);
                }
                napper.nap(wait);
            }
        } finally {
            synchronized (byThread) {
                conditionWaiters--;
            }
        }
    }

    /** Wakes every thread parked in the scheduler, so each re-checks what it waits for. */
    protected final void wakeAll() {
        if (conditionWaiters == 0) {
            return;
        }
        TurnState[] states;
        synchronized (byThread) {
            states = byThread.values().toArray(new TurnState[0]);
        }
        for (TurnState t : states) {
            t.wake();
        }
    }
}
