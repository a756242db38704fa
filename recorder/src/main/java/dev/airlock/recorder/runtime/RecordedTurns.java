package dev.airlock.recorder.runtime;

import dev.airlock.format.ThreadEventWriter;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * The recorder's side of {@code threads=serial}: hands the turn to the longest-waiting thread when the
 * holder blocks, waits on a monitor or ends, or when its random budget of points runs out while others
 * wait; and writes every turn's end to the schedule stream. Only the holder writes there, so the stream
 * needs no lock of its own. A holder that blocks where the scheduler cannot see (a JDK-internal monitor
 * or wait) is found by the waiting threads, which end its turn for it ({@link TurnEnd#REVOKED}).
 */
public final class RecordedTurns extends SerialScheduler {

    /** The schedule stream's path in the journal. */
    public static final String SCHEDULE_PATH = "airlock:schedule";

    /** The holder while a turn's end is written and the next holder chosen. */
    private static final TurnState PASSING = new TurnState(null, -1, null);
    private static final long POLL_NANOS = 1_000_000L;
    /** Budgets a thread inside a class initializer may run past before the turn passes anyway. */
    private static final int KEEP_FOR_INITIALIZER = 32;
    /**
     * Polls a waiting class initializer lets a holder stay {@code RUNNABLE} at the same point before it
     * takes the holder for one waiting on the class it initializes.
     */
    private static final int INITIALIZER_STRIKES = 10;

    private final ThreadEventWriter schedule;
    private final int turnRef;
    private final int pointRef;
    private final int meanBudget;
    private final ArrayDeque<TurnState> queue = new ArrayDeque<>();
    private volatile TurnState holder;
    private volatile int queued;
    private volatile boolean stopped;

    public RecordedTurns(Supplier<? extends ThreadState> states, ThreadEventWriter schedule, int meanBudget) {
        super(states);
        this.schedule = schedule;
        this.turnRef = RuntimeSites.TURN_REF;
        this.pointRef = RuntimeSites.TURN_POINT_REF;
        this.meanBudget = meanBudget;
    }

    /** Recording stopped: nothing more is written and threads run freely from now on. */
    public void stop() {
        stopped = true;
        shuttingDown();
    }

    @Override
    protected TurnState register(ThreadState state, Thread thread) {
        RecordingThread r = (RecordingThread) state;
        if (r.writer == null) {
            return null;
        }
        TurnState t = new TurnState(thread, r.writer.thread().id(), r.path);
        t.budget = t.nextBudget(meanBudget);
        return t;
    }

    @Override
    protected boolean holds(TurnState t) {
        return holder == t;
    }

    @Override
    protected boolean waitsForConditions() {
        return true;
    }

    @Override
    protected void ensureTurn(TurnState t) {
        if (holder != t) {
            beginTurn(t);
        }
    }

    @Override
    protected void counted(TurnState t, boolean yielding) {
        if (--t.budget > 0 && !yielding) {
            return;
        }
        t.budget = t.nextBudget(meanBudget);
        // Passed inside a class initializer, the turn would go to threads that may touch the class and
        // wait for it inside the JVM, holding the turn. Kept a while (not for good: the initializer may
        // spin until another thread does something).
        if (t.isInitializing() && !yielding && ++t.keptForInitializer <= KEEP_FOR_INITIALIZER) {
            return;
        }
        t.keptForInitializer = 0;
        if (queued > 0 && holder == t) {
            endTurn(t, TurnEnd.PREEMPTED);
            beginTurn(t);
        }
    }

    @Override
    protected void beginTurn(TurnState t) {
        t.inScheduler(true);
        synchronized (queue) {
            if (holder == t) {
                return;
            }
            if (holder == null && queue.isEmpty()) {
                holder = t;
                return;
            }
            if (!t.queued) {
                t.queued = true;
                queue.addLast(t);
                queued = queue.size();
            }
        }
        TurnState seen = null;
        long seenPoints = -1;
        int strikes = 0;
        while (holder != t) {
            if (freeRun) {
                leaveQueue(t);
                return;
            }
            t.nap(POLL_NANOS);
            TurnState h = holder;
            if (h != t && !t.queued) {
                synchronized (queue) {
                    if (holder != t && !t.queued) {
                        t.queued = true;
                        queue.addLast(t);
                        queued = queue.size();
                    }
                }
            }
            if (h == null) {
                synchronized (queue) {
                    if (holder == null && (queue.isEmpty() || queue.peekFirst() == t)) {
                        leaveQueueLocked(t);
                        holder = t;
                        return;
                    }
                }
            }
            boolean initWait = false;
            if (h == null || h == t || h == PASSING || !h.stuck() && !(initWait = t.isInitializing()
                && h.runnableOutOfScheduler())) {
                strikes = 0;
                continue;
            }
            if (h == seen && h.points == seenPoints) {
                if (++strikes >= (initWait ? INITIALIZER_STRIKES : 3)) {
                    revoke(h);
                    strikes = 0;
                }
            } else {
                seen = h;
                seenPoints = h.points;
                strikes = 1;
            }
        }
    }

    private void leaveQueue(TurnState t) {
        synchronized (queue) {
            leaveQueueLocked(t);
        }
    }

    private void leaveQueueLocked(TurnState t) {
        if (t.queued) {
            t.queued = false;
            queue.remove(t);
            queued = queue.size();
        }
    }

    private void revoke(TurnState h) {
        Thread.State state = h.thread.getState();
        StackTraceElement[] at = h.thread.getStackTrace();
        if (end(h, TurnEnd.REVOKED, BlockedAt.of(at))) {
            dev.airlock.recorder.agent.AgentLog.info("ended the turn of " + h.path + " for it: " + state + " at point "
                + h.points + " in " + BlockedAt.describe(at));
        }
    }

    /** Ends {@code t}'s turn if it still holds it; the hold is given up under the lock, so a turn ends once. */
    @Override
    protected void endTurn(TurnState t, int reason) {
        end(t, reason, 0);
    }

    /** False when {@code t} no longer held the turn (another thread ended it first). */
    private boolean end(TurnState t, int reason, int where) {
        synchronized (queue) {
            if (holder != t) {
                return false;
            }
            holder = PASSING;
        }
        write(t, reason, where);
        pass();
        return true;
    }

    private void write(TurnState t, int reason, int where) {
        if (!stopped) {
            schedule.appendLong(turnRef, TurnEnd.encode(t.id, reason));
            if (where != 0) {
                schedule.appendInt(RuntimeSites.TURN_WHERE_REF, where);
            }
            schedule.appendLong(pointRef, t.points);
        }
    }

    private void pass() {
        TurnState next;
        synchronized (queue) {
            next = queue.pollFirst();
            if (next != null) {
                next.queued = false;
            }
            queued = queue.size();
            holder = next;
        }
        if (next != null) {
            next.wake();
        }
    }

    @Override
    public void shuttingDown() {
        super.shuttingDown();
        TurnState[] waiting;
        synchronized (queue) {
            waiting = queue.toArray(new TurnState[0]);
        }
        for (TurnState w : waiting) {
            w.wake();
        }
    }
}
