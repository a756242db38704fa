package dev.airlock.replayer.agent;

import dev.airlock.format.Event;
import dev.airlock.format.EventKind;
import dev.airlock.recorder.agent.AgentLog;
import dev.airlock.recorder.runtime.BlockedAt;
import dev.airlock.recorder.runtime.SerialScheduler;
import dev.airlock.recorder.runtime.ThreadState;
import dev.airlock.recorder.runtime.TurnEnd;
import dev.airlock.recorder.runtime.TurnState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Replay's side of {@code threads=serial}: hands the turn out exactly as the schedule stream says. Each
 * turn names its thread, the count of points at which it ended and why; a thread that ends a turn
 * elsewhere, or for another reason, has departed from the recording, and replay stops there. A turn the
 * recorder ended because its holder blocked out of sight ({@link TurnEnd#REVOKED}) ends when the replayed
 * holder blocks too, or reaches its next point.
 */
final class ReplayedTurns extends SerialScheduler {

    private static final long POLL_NANOS = 1_000_000L;
    /** How long a thread waits for a turn that makes no progress before replay says so; not under a debugger. */
    private static final long STALL_NANOS = 30_000_000_000L;
    /** How long a revoked turn's holder may be blocked elsewhere than recorded before its turn ends anyway. */
    private static final long ELSEWHERE_NANOS = 2_000_000_000L;

    /** One recorded turn: whose, where it ended, why, and for a revoked one where its holder was blocked (or 0). */
    record Turn(long index, int thread, long end, int reason, int blockedAt) {
    }

    interface Divergence {
        void report(String thread, String expected, String actual, String message);
    }

    private final EventCursor schedule;
    private final Divergence divergence;
    private final boolean debugging;
    private final Map<Integer, TurnState> byId = new ConcurrentHashMap<>();
    private volatile Turn current;
    private long turns;

    ReplayedTurns(Supplier<? extends ThreadState> states, EventCursor schedule, Divergence divergence,
                  boolean debugging) {
        super(states);
        this.schedule = schedule;
        this.divergence = divergence;
        this.debugging = debugging;
        this.current = read();
        if (current == null) {
            freeRun = true;
        }
    }

    private Turn read() {
        Event e = schedule.next();
        if (e == null) {
            return null;
        }
        if (e.kind() != EventKind.THREAD_TURN) {
            throw new IllegalStateException("schedule holds " + e.kind().label() + " where a turn belongs");
        }
        long who = e.longValue();
        Event p = schedule.next();
        int blockedAt = 0;
        if (p != null && p.kind() == EventKind.THREAD_TURN_WHERE) {
            blockedAt = (int) p.longValue();
            p = schedule.next();
        }
        if (p == null || p.kind() != EventKind.THREAD_TURN_POINT) {
            return null;
        }
        return new Turn(turns++, TurnEnd.threadId(who), p.longValue(), TurnEnd.reason(who), blockedAt);
    }

    @Override
    protected TurnState register(ThreadState state, Thread thread) {
        ReplayThread r = (ReplayThread) state;
        if (r.recorded == null) {
            return null;
        }
        TurnState t = new TurnState(thread, r.recorded.id(), r.path);
        byId.put(t.id, t);
        return t;
    }

    @Override
    protected boolean holds(TurnState t) {
        Turn c = current;
        return c != null && c.thread == t.id;
    }

    @Override
    protected boolean waitsForConditions() {
        return false;
    }

    @Override
    protected void ensureTurn(TurnState t) {
        Turn c = current;
        if (c == null) {
            return;
        }
        if (c.thread != t.id) {
            beginTurn(t);
        } else if (c.reason == TurnEnd.REVOKED && t.points >= c.end) {
            // The recorded holder blocked out of sight here; this one did not: its turn is over all the same.
            advance(c);
            beginTurn(t);
        }
    }

    @Override
    protected void counted(TurnState t, boolean yielding) {
        Turn c = current;
        if (c == null || c.thread != t.id) {
            return;
        }
        if (c.reason == TurnEnd.PREEMPTED && t.points == c.end) {
            advance(c);
            beginTurn(t);
        } else if (t.points > c.end && c.reason != TurnEnd.REVOKED) {
            diverge(t, c, "ran past the end of its recorded turn (point " + c.end + ", "
                + TurnEnd.name(c.reason) + ")");
        }
    }

    @Override
    protected void endTurn(TurnState t, int reason) {
        Turn c = current;
        if (c == null) {
            return;
        }
        if (c.thread != t.id) {
            beginTurn(t);
            c = current;
            if (c == null) {
                return;
            }
        }
        if (c.end != t.points || c.reason != reason && c.reason != TurnEnd.REVOKED) {
            diverge(t, c, "ended its turn at point " + t.points + " (" + TurnEnd.name(reason) + ")");
        }
        advance(c);
    }

    private void diverge(TurnState t, Turn c, String what) {
        divergence.report(t.path, "turn " + c.index + " of " + pathOf(c.thread) + " ending at point " + c.end + " ("
            + TurnEnd.name(c.reason) + ")", t.path + " " + what,
            "the threads did not interleave as recorded");
    }

    private String pathOf(int id) {
        TurnState t = byId.get(id);
        return t != null ? t.path : "recorded thread #" + id;
    }

    /** Moves on from {@code from} to the next recorded turn; false when another thread already did. */
    private boolean advance(Turn from) {
        Turn next;
        synchronized (this) {
            if (current != from) {
                return false;
            }
            next = read();
            current = next;
            if (next == null) {
                freeRun = true;
                AgentLog.info("serial schedule replayed to its end (" + turns + " turns); threads run freely");
            }
        }
        if (next == null) {
            wakeAll();
            for (TurnState t : byId.values()) {
                t.wake();
            }
            return true;
        }
        TurnState owner = byId.get(next.thread);
        if (owner != null) {
            owner.wake();
        }
        return true;
    }

    @Override
    protected void beginTurn(TurnState t) {
        t.inScheduler(true);
        Turn seen = null;
        long seenPoints = -1;
        int strikes = 0;
        long since = System.nanoTime();
        while (true) {
            Turn c = current;
            if (c == null || freeRun || c.thread == t.id) {
                return;
            }
            TurnState h = byId.get(c.thread);
            long hp = h == null ? -1 : h.points;
            if (c != seen || hp != seenPoints) {
                seen = c;
                seenPoints = hp;
                since = System.nanoTime();
                strikes = 0;
            } else if (c.reason == TurnEnd.REVOKED && h != null && (h.stuck() || c.blockedAt != 0 && h.points == c.end
                && h.runnableOutOfScheduler())) {
                // Blocked where the recording's holder was (or, after a while, anywhere: better a late
                // divergence than a replay that hangs). RUNNABLE at the recorded point, it may wait for a
                // class another thread initializes, as the recording's holder did.
                StackTraceElement[] at = h.thread.getStackTrace();
                boolean there = c.blockedAt == 0 || BlockedAt.of(at) == c.blockedAt;
                if (++strikes >= 3 && (there || System.nanoTime() - since > ELSEWHERE_NANOS)) {
                    if (advance(c)) {
                        AgentLog.info("ended the turn of " + h.path + " for it" + (there ? ", blocked where recorded: "
                            : ", blocked elsewhere than recorded: ") + h.thread.getState() + " at point " + h.points
                            + " in " + BlockedAt.describe(at));
                    }
                    continue;
                }
            } else if (!debugging && System.nanoTime() - since > STALL_NANOS) {
                divergence.report(t.path, "turn " + c.index + " of " + pathOf(c.thread) + " ending at point " + c.end
                    + " (" + TurnEnd.name(c.reason) + ")", pathOf(c.thread) + (h == null ? " never asked for it"
                    : " made no progress for 30 s (" + h.thread.getState() + ", point " + h.points + ")"),
                    "the threads did not interleave as recorded");
            }
            t.nap(POLL_NANOS);
        }
    }

    @Override
    public void shuttingDown() {
        super.shuttingDown();
        for (TurnState t : byId.values()) {
            t.wake();
        }
    }
}
