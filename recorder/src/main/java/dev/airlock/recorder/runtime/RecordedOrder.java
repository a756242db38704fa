package dev.airlock.recorder.runtime;

import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * The recorder's side of {@code threads=ordered}: threads run in parallel; each turn a thread takes on
 * an object (entering its monitor, coming back from {@code wait} on it, taking a lock, updating an
 * atomic) is numbered on the object and written to the thread's own stream. Monitor and lock turns are
 * numbered while holding them; an atomic update is numbered under the object's spin lock.
 */
public final class RecordedOrder extends SyncOrder {

    private volatile boolean stopped;

    public RecordedOrder(Supplier<? extends ThreadState> states, LogicalThreads logical) {
        super(states, logical, true);
    }

    @Override
    public Object taskStarting(Object task) {
        return stopped ? null : super.taskStarting(task);
    }

    @Override
    public Object stageStarting(Object name) {
        return stopped ? null : super.stageStarting(name);
    }

    /** Recording stopped: no more turns are written; monitors, locks and atomics are what they are. */
    public void stop() {
        stopped = true;
    }

    @Override
    protected ThreadState participant() {
        if (stopped) {
            return null;
        }
        ThreadState s = super.participant();
        return s != null && ((RecordingThread) s).writer != null ? s : null;
    }

    private static void write(ThreadState s, SyncCell c, long turn, int outcome) {
        long event = SyncTurn.encode(c.id, turn, outcome);
        if (outcome == SyncTurn.DONE) {
            // A thread often takes an object's turns one after another (a lock it keeps winning, a
            // counter it alone updates): those go into the journal as one run.
            ((RecordingThread) s).writer.appendRepeating(RuntimeSites.SYNC_TURN_REF, RuntimeSites.SYNC_RUN_REF, event,
                SyncTurn.NEXT_TURN);
        } else {
            ((RecordingThread) s).writer.appendLong(RuntimeSites.SYNC_TURN_REF, event);
        }
    }

    private void taken(ThreadState s, Object key, int outcome) {
        SyncCell c = cellOf(s, key);
        write(s, c, c.takeTurn(), outcome);
    }

    private void notTaken(ThreadState s, Object key, int outcome) {
        write(s, cellOf(s, key), 0, outcome);
    }

    @Override
    public void beforeMonitor(Object monitor) {
    }

    @Override
    public void afterMonitor(Object monitor) {
        ThreadState s = participant();
        if (s != null) {
            taken(s, monitor, SyncTurn.DONE);
        }
    }

    @Override
    public void await(Object monitor, long millis, int nanos) throws InterruptedException {
        ThreadState s = participant();
        if (s == null) {
            dev.airlock.bridge.JdkThrown.waitAs(monitor, millis, nanos);
            return;
        }
        try {
            dev.airlock.bridge.JdkThrown.waitAs(monitor, millis, nanos);
        } catch (InterruptedException e) {
            // thrown with the monitor taken again: a turn, like any return from wait
            taken(s, monitor, SyncTurn.INTERRUPTED);
            throw e;
        }
        taken(s, monitor, SyncTurn.DONE);
    }

    @Override
    public long awaitCondition(Condition c, int how, long nanos, Date deadline) throws InterruptedException {
        ThreadState s = participant();
        Object key = s == null ? null : conditionKey(c);
        if (key == null) {
            return awaitLive(c, how, nanos, deadline);
        }
        long result;
        try {
            result = awaitLive(c, how, nanos, deadline);
        } catch (InterruptedException e) {
            // thrown holding the lock again: a turn, like any return
            taken(s, key, SyncTurn.INTERRUPTED);
            throw e;
        }
        taken(s, key, timedOut(result) ? SyncTurn.FALSE : SyncTurn.DONE);
        return result;
    }

    @Override
    protected boolean waitTimed(Object on, long time, TimeUnit unit) throws InterruptedException {
        ThreadState s = ordersTimedWait(on) ? participant() : null; // null: the call throws, no turn
        if (s == null) {
            return waitLive(on, time, unit);
        }
        boolean inTime;
        try {
            inTime = waitLive(s, on, time, unit);
        } catch (InterruptedException e) {
            taken(s, on, SyncTurn.INTERRUPTED);
            throw e;
        }
        taken(s, on, inTime ? SyncTurn.DONE : SyncTurn.FALSE);
        return inTime;
    }

    @Override
    protected SyncCell enterAtomic(Object key) {
        ThreadState s = key == null ? null : participant(); // a null receiver: the access throws, no turn
        if (s == null) {
            return null;
        }
        SyncCell c = cellOf(s, key);
        c.lock(Thread.currentThread());
        return c;
    }

    @Override
    protected void exitAtomic(SyncCell c, boolean falseResult) {
        long turn = c.takeTurn();
        c.unlock();
        ThreadState s = participant();
        if (s != null) {
            write(s, c, turn, falseResult ? SyncTurn.FALSE : SyncTurn.DONE);
        }
    }

    @Override
    public void lock(Object lock) {
        ((Lock) lock).lock();
        ThreadState s = participant();
        if (s != null) {
            taken(s, lockKey(lock), SyncTurn.DONE);
        }
    }

    @Override
    public void lockInterruptibly(Object lock) throws InterruptedException {
        try {
            ((Lock) lock).lockInterruptibly();
        } catch (InterruptedException e) {
            throw interrupted(lock, e);
        }
        outcome(lock, true);
    }

    @Override
    protected boolean tryLock(Object lock) {
        boolean taken = ((Lock) lock).tryLock();
        outcome(lock, taken);
        return taken;
    }

    @Override
    protected boolean tryLock(Object lock, long time, TimeUnit unit) throws InterruptedException {
        boolean taken;
        try {
            taken = ((Lock) lock).tryLock(time, unit);
        } catch (InterruptedException e) {
            throw interrupted(lock, e);
        }
        outcome(lock, taken);
        return taken;
    }

    @Override
    protected void acquire(java.util.concurrent.Semaphore sem, int permits, boolean interruptibly)
        throws InterruptedException {
        try {
            acquireLive(sem, permits, interruptibly);
        } catch (InterruptedException e) {
            throw interrupted(sem, e);
        }
        outcome(sem, true);
    }

    @Override
    protected boolean tryAcquire(java.util.concurrent.Semaphore sem, int permits, long time, TimeUnit unit)
        throws InterruptedException {
        boolean taken;
        try {
            taken = tryAcquireLive(sem, permits, time, unit);
        } catch (InterruptedException e) {
            throw interrupted(sem, e);
        }
        outcome(sem, taken);
        return taken;
    }

    /** A call that takes a lock or permits was interrupted: no turn, the outcome kept. Returns {@code e}. */
    private InterruptedException interrupted(Object lock, InterruptedException e) {
        ThreadState s = participant();
        if (s != null) {
            notTaken(s, lockKey(lock), SyncTurn.INTERRUPTED);
        }
        return e;
    }

    private void outcome(Object lock, boolean taken) {
        ThreadState s = participant();
        if (s == null) {
            return;
        }
        if (taken) {
            taken(s, lockKey(lock), SyncTurn.DONE);
        } else {
            notTaken(s, lockKey(lock), SyncTurn.NOT_TAKEN);
        }
    }
}
