package dev.airlock.replayer.agent;

import dev.airlock.bridge.Order;
import dev.airlock.recorder.runtime.RuntimeSites;
import dev.airlock.recorder.runtime.SyncCell;
import dev.airlock.recorder.runtime.SyncCells;
import dev.airlock.recorder.runtime.SyncOrder;
import dev.airlock.recorder.runtime.SyncTurn;
import dev.airlock.recorder.runtime.ThreadState;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Replay's side of {@code threads=ordered}: before a thread takes a monitor or lock, or updates an
 * atomic, it reads its recorded turn from its own stream and waits until that object has had every
 * turn before it. A turn on another object than recorded, an update that comes out otherwise, or a wait
 * in which no thread replays anything for {@link #STALL_NANOS} (not under a debugger) stops the replay.
 */
final class ReplayedOrder extends SyncOrder {

    private static final long STALL_NANOS = 10_000_000_000L;
    /**
     * A thread this close to its turn spins this often, then yields this often (to the turn's holder).
     * Short spins: on two cores a spinning waiter takes the core the holder needs (LockHeavy's replay:
     * 4.3 s with 20 and 50, 5.9 s with 100 and 200, 44 s without yields).
     */
    private static final long NEAR = 16;
    private static final int SPINS = 20;
    private static final int YIELDS = 50;
    /** How long a condition's waiter waits before it looks at its lock's turns again, if no signal wakes it. */
    private static final long CONDITION_POLL_NANOS = 1_000_000L;

    private final ReplaySink sink;
    private final ReplayedTurns.Divergence divergence;
    private final boolean debugging;

    /**
     * Events replayed by all threads, as one waiting thread last saw them: unchanged for too long, the
     * replay has stalled. Made only once a wait gets past spinning and yielding.
     */
    private final class StallWatch {
        private long seen = -1;
        private long since;

        void check(ThreadState s, SyncCell c, long event) {
            long now = sink.replayed();
            if (now != seen) {
                seen = now;
                since = System.nanoTime();
            } else if (!debugging && System.nanoTime() - since > STALL_NANOS) {
                divergence.report(s.path, SyncTurn.describe(event),
                    "waited " + STALL_NANOS / 1_000_000_000L + " s at turn " + c.turnsTaken() + " of that object"
                        + " while no thread replayed anything",
                    "the turn the recording holds next for this thread never came: the threads went another way");
            }
        }
    }

    ReplayedOrder(Supplier<? extends ThreadState> states, ReplaySink sink, ReplayedTurns.Divergence divergence,
                  boolean debugging) {
        super(states, sink.logicalThreads(), false);
        this.sink = sink;
        this.divergence = divergence;
        this.debugging = debugging;
    }

    /**
     * The thread's next recorded turn on the cell's object, after checking it is the recorded object as
     * far as can be told; 0 (no object) when the recording has none left at shutdown.
     */
    private long next(ThreadState s, SyncCell c) {
        long event = sink.nextTurn(c.id(), RuntimeSites.SYNC_TURN_REF, RuntimeSites.SYNC_RUN_REF);
        if (SyncTurn.id(event) != 0) {
            checkId(s, c, event);
        }
        return event;
    }

    private void checkId(ThreadState s, SyncCell c, long event) {
        int id = c.id();
        if (id != 0 && id != SyncTurn.id(event)) {
            divergence.report(s.path, SyncTurn.describe(event),
                "a turn on object #" + id + " (turn " + c.turnsTaken() + ")",
                "the thread synchronized on another object than in the recording");
        }
    }

    /**
     * Waits until the object has had every turn before this event's. Close to its turn a thread spins,
     * then yields; further off, or once it has spun enough, it sleeps until the turns come near.
     */
    private void await(ThreadState s, SyncCell c, long event) {
        long target = c.countAt(SyncTurn.turn(event));
        if (c.turns() == target) {
            return;
        }
        boolean interrupted = false;
        try {
            interrupted = awaitTurns(s, c, event, target,
                s.logical() && Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        checkId(s, c, event);
    }

    /**
     * Spins, yields and sleeps until the object has had {@code target} turns; returns whether the thread
     * was interrupted meanwhile. A fork-join task's run ({@code inPool}) that has to sleep does so as a
     * managed block: the pool's other tasks, some queued behind this thread, may hold the turns it waits
     * for, and the pool gives them a thread meanwhile, as it does when a task blocks on I/O.
     */
    private boolean awaitTurns(ThreadState s, SyncCell c, long event, long target, boolean inPool) {
        boolean interrupted = false;
        StallWatch watch = null;
        int spins = 0;
        for (long gap; (gap = target - c.turns()) != 0; ) {
            if (gap <= NEAR && spins < SPINS + YIELDS) {
                if (spins++ < SPINS) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
                continue;
            }
            if (inPool) {
                return managedAwait(s, c, event, target);
            }
            checkId(s, c, event);
            try {
                c.sleepUntil(gap > NEAR ? target - NEAR / 2 : target, 1);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (gap > NEAR) {
                spins = 0;
            }
            if (watch == null) {
                watch = new StallWatch();
            }
            watch.check(s, c, event);
        }
        return interrupted;
    }

    private boolean managedAwait(ThreadState s, SyncCell c, long event, long target) {
        boolean[] interrupted = new boolean[1];
        java.util.concurrent.ForkJoinPool.ManagedBlocker blocker = new java.util.concurrent.ForkJoinPool.ManagedBlocker() {
            @Override
            public boolean block() {
                interrupted[0] |= awaitTurns(s, c, event, target, false);
                return true;
            }

            @Override
            public boolean isReleasable() {
                return c.turns() == target;
            }
        };
        try {
            java.util.concurrent.ForkJoinPool.managedBlock(blocker);
        } catch (InterruptedException e) {
            interrupted[0] = true;
        }
        return interrupted[0];
    }

    private void passed(SyncCell c, long event) {
        if (SyncTurn.turn(event) == 0) {
            c.assignId(SyncTurn.id(event));
        }
        c.passTurn();
    }

    // ---- monitors

    @Override
    public void beforeMonitor(Object monitor) {
        ThreadState s = participant();
        if (s == null) {
            return;
        }
        SyncCells.Local l = local(s);
        l.pendingCell = null;
        SyncCell c = cellOf(s, monitor);
        long event = next(s, c);
        if (SyncTurn.id(event) == 0) {
            return;
        }
        await(s, c, event);
        c.holdEvent(event);
        l.pendingCell = c;
    }

    @Override
    public void afterMonitor(Object monitor) {
        ThreadState s = participant();
        if (s == null) {
            return;
        }
        SyncCells.Local l = local(s);
        SyncCell c = l.pendingCell;
        if (c == null) {
            return;
        }
        l.pendingCell = null;
        passed(c, c.heldEvent());
        if (c.monitorWaited()) {
            monitor.notifyAll();
        }
    }

    /**
     * JDK code holds the monitor it entered itself: the thread waits for its recorded turn inside it,
     * giving the monitor up meanwhile ({@code wait}), so that the threads whose turns come first get in.
     */
    @Override
    public void monitorHeld(Object monitor) {
        ThreadState s = participant();
        if (s == null) {
            return;
        }
        SyncCell c = cellOf(s, monitor);
        long event = next(s, c);
        if (SyncTurn.id(event) == 0) {
            return;
        }
        if (c.turnsTaken() != SyncTurn.turn(event) && waitInside(s, c, event, monitor, false, false)) {
            Thread.currentThread().interrupt(); // not this wait's: the JDK code's own, kept for it
        }
        passed(c, event);
        if (c.monitorWaited()) {
            monitor.notifyAll();
        }
    }

    /**
     * Waits inside {@code monitor}, which the thread holds and gives up meanwhile, until the object's turns
     * reach the event's (and, {@code untilInterrupted}, an interrupt came); returns whether one came
     * ({@code interrupted}: one came before). Whoever takes the turn before ours wakes us; the short
     * timeout is the fallback.
     */
    private boolean waitInside(ThreadState s, SyncCell c, long event, Object monitor, boolean untilInterrupted,
                               boolean interrupted) {
        long turn = SyncTurn.turn(event);
        StallWatch watch = new StallWatch();
        c.monitorWaiters(1);
        try {
            do {
                try {
                    monitor.wait(1);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                checkId(s, c, event);
                watch.check(s, c, event);
            } while (c.turnsTaken() != turn || untilInterrupted && !interrupted);
        } finally {
            c.monitorWaiters(-1);
        }
        return interrupted;
    }

    @Override
    public void await(Object monitor, long millis, int nanos) throws InterruptedException {
        ThreadState s = participant();
        if (s == null) {
            dev.airlock.bridge.JdkThrown.waitAs(monitor, millis, nanos);
            return;
        }
        if (!Thread.holdsLock(monitor)) {
            throw dev.airlock.bridge.JdkThrown.notOwner(monitor, dev.airlock.bridge.JdkThrown.WAIT);
        }
        SyncCell c = cellOf(s, monitor);
        long event = next(s, c);
        if (SyncTurn.id(event) == 0) {
            dev.airlock.bridge.JdkThrown.waitAs(monitor, millis, nanos);
            return;
        }
        // An interrupt is not a turn: a wait recorded as interrupted also waits for the interrupt itself,
        // which the replayed program sends as it did, or it would end before the interrupting thread got there.
        boolean waitsForInterrupt = SyncTurn.outcome(event) == SyncTurn.INTERRUPTED;
        boolean interrupted = waitInside(s, c, event, monitor, waitsForInterrupt, Thread.interrupted());
        passed(c, event);
        if (SyncTurn.outcome(event) == SyncTurn.INTERRUPTED) {
            // the monitor is held here: the JDK's wait throws at once for an interrupted thread
            Thread.currentThread().interrupt();
            dev.airlock.bridge.JdkThrown.waitAs(monitor, millis, nanos);
            throw new InterruptedException();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The condition's wait returns at its recorded turn on the lock, with the recorded outcome (woken, timed
     * out, interrupted), whichever {@code signal} the JVM delivers to whom: until then the thread waits
     * on the condition, so the lock is free, and looks at the turns whenever it wakes.
     */
    @Override
    public long awaitCondition(Condition cond, int how, long nanos, Date deadline) throws InterruptedException {
        ThreadState s = participant();
        Object key = s == null ? null : conditionKey(cond);
        if (key == null) {
            return awaitLive(cond, how, nanos, deadline);
        }
        if (!holdsLock(key)) {
            throw new IllegalMonitorStateException();
        }
        SyncCell c = cellOf(s, key);
        long event = next(s, c);
        if (SyncTurn.id(event) == 0) {
            return awaitLive(cond, how, nanos, deadline);
        }
        long turn = SyncTurn.turn(event);
        long start = System.nanoTime();
        boolean interrupted = Thread.interrupted();
        StallWatch watch = new StallWatch();
        do {
            try {
                cond.awaitNanos(CONDITION_POLL_NANOS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            checkId(s, c, event);
            watch.check(s, c, event);
        } while (c.turnsTaken() != turn);
        passed(c, event);
        int outcome = SyncTurn.outcome(event);
        if (outcome == SyncTurn.INTERRUPTED && how != Order.AWAIT_UNINTERRUPTIBLY) {
            throw new InterruptedException();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (outcome == SyncTurn.FALSE) {
            return 0;
        }
        return how == Order.AWAIT_NANOS ? Math.max(1, nanos - (System.nanoTime() - start)) : 1;
    }

    /**
     * A wait with a timeout ends as recorded: timed out at once, or, if it ended in time, whenever the
     * awaited thing happens on replay (a replay that never gets there stops as stalled).
     */
    @Override
    protected boolean waitTimed(Object on, long time, TimeUnit unit) throws InterruptedException {
        ThreadState s = ordersTimedWait(on) ? participant() : null;
        if (s == null) {
            return waitLive(on, time, unit);
        }
        SyncCell c = cellOf(s, on);
        long event = next(s, c);
        if (SyncTurn.id(event) == 0) {
            return waitLive(on, time, unit);
        }
        await(s, c, event);
        passed(c, event);
        switch (SyncTurn.outcome(event)) {
            case SyncTurn.FALSE:
                return false;
            case SyncTurn.INTERRUPTED:
                Thread.interrupted();
                throw new InterruptedException();
            default:
                StallWatch watch = new StallWatch();
                while (!waitLive(s, on, 100, TimeUnit.MILLISECONDS)) {
                    watch.check(s, c, event);
                }
                return true;
        }
    }

    // ---- atomics

    @Override
    protected SyncCell enterAtomic(Object key) {
        ThreadState s = key == null ? null : participant(); // a null receiver: the access throws, no turn
        if (s == null) {
            return null;
        }
        SyncCell c = cellOf(s, key);
        long event = next(s, c);
        if (SyncTurn.id(event) == 0) {
            return null;
        }
        await(s, c, event);
        c.holdEvent(event);
        return c;
    }

    @Override
    protected void exitAtomic(SyncCell c, boolean falseResult) {
        long event = c.heldEvent();
        if (falseResult != (SyncTurn.outcome(event) == SyncTurn.FALSE)) {
            ThreadState s = participant();
            divergence.report(s == null ? "?" : s.path, SyncTurn.describe(event),
                "the update returned " + !falseResult,
                "an atomic update came out otherwise than in the recording (a write the order does not cover)");
        }
        passed(c, event);
    }

    // ---- locks

    /** Takes the lock at its recorded turn; {@code lock()} whatever the call was, as the recording's took it. */
    private boolean take(Object lock, boolean interruptible) throws InterruptedException {
        return take(lockKey(lock), interruptible, lock, 0);
    }

    /**
     * Takes {@code key}'s recorded turn, and then what it stands for: {@code held}, a lock, or
     * {@code permits} of it when it is a semaphore. False when the thread takes no part or the
     * recording has no turn left. Throws as the recorded call did: {@link NotTaken} for a try that
     * failed, {@code InterruptedException} for an interrupted call.
     */
    private boolean take(Object key, boolean interruptible, Object held, int permits) throws InterruptedException {
        ThreadState s = participant();
        if (s == null) {
            return false;
        }
        SyncCell c = cellOf(s, key);
        long event = next(s, c);
        if (SyncTurn.id(event) == 0) {
            return false;
        }
        int outcome = SyncTurn.outcome(event);
        if (outcome == SyncTurn.INTERRUPTED && interruptible) {
            Thread.interrupted();
            throw new InterruptedException();
        }
        if (outcome == SyncTurn.NOT_TAKEN || outcome == SyncTurn.INTERRUPTED) {
            throw NotTaken.INSTANCE;
        }
        await(s, c, event);
        if (held instanceof java.util.concurrent.Semaphore) {
            ((java.util.concurrent.Semaphore) held).acquireUninterruptibly(permits);
        } else {
            ((Lock) held).lock();
        }
        passed(c, event);
        return true;
    }

    /** The recorded {@code tryLock} did not take the lock: no turn, and the replay does not try. */
    private static final class NotTaken extends RuntimeException {
        static final NotTaken INSTANCE = new NotTaken();

        private NotTaken() {
            super(null, null, false, false);
        }
    }

    @Override
    public void lock(Object lock) {
        try {
            if (!take(lock, false)) {
                ((Lock) lock).lock();
            }
        } catch (InterruptedException | NotTaken e) {
            ((Lock) lock).lock();
        }
    }

    @Override
    public void lockInterruptibly(Object lock) throws InterruptedException {
        try {
            if (!take(lock, true)) {
                ((Lock) lock).lockInterruptibly();
            }
        } catch (NotTaken e) {
            ((Lock) lock).lockInterruptibly();
        }
    }

    @Override
    protected boolean tryLock(Object lock) {
        try {
            return take(lock, false) || ((Lock) lock).tryLock();
        } catch (InterruptedException | NotTaken e) {
            return false;
        }
    }

    @Override
    protected boolean tryLock(Object lock, long time, TimeUnit unit) throws InterruptedException {
        try {
            return take(lock, true) || ((Lock) lock).tryLock(time, unit);
        } catch (NotTaken e) {
            return false;
        }
    }

    // ---- semaphores: as locks, permits taken uninterruptibly at the turn the recording took them

    @Override
    protected void acquire(java.util.concurrent.Semaphore sem, int permits, boolean interruptibly)
        throws InterruptedException {
        try {
            if (!take(sem, interruptibly, sem, permits)) {
                acquireLive(sem, permits, interruptibly);
            }
        } catch (NotTaken e) {
            acquireLive(sem, permits, interruptibly);
        }
    }

    @Override
    protected boolean tryAcquire(java.util.concurrent.Semaphore sem, int permits, long time, TimeUnit unit)
        throws InterruptedException {
        try {
            return take(sem, unit != null, sem, permits)
                || tryAcquireLive(sem, permits, time, unit);
        } catch (NotTaken e) {
            return false;
        }
    }
}
