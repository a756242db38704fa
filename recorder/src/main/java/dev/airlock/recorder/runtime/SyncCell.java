package dev.airlock.recorder.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What {@code threads=ordered} keeps per synchronized-on object: its id in the journal and how many
 * turns were taken on it. Recording also uses it as a small reentrant spin lock around atomic updates,
 * so that an update and its turn number are taken together.
 */
public final class SyncCell {

    private static final VarHandle TURNS;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TURNS = l.findVarHandle(SyncCell.class, "turns", long.class);
            OWNER = l.findVarHandle(SyncCell.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The journal's id of the object: numbered on recording, taken from the journal on replay. */
    volatile int id;
    /** Replay: the recorded event of the turn being taken now, for checking its outcome after. */
    private long heldEvent;
    private volatile long turns;
    private volatile Thread owner;
    private int holds;
    /** Replay: the lowest turn count a sleeping thread waits for; the turn that reaches it wakes them. */
    private volatile long wakeAt = Long.MAX_VALUE;
    /** Replay: threads inside {@code wait} on the object's monitor until their turn comes. */
    private volatile int monitorWaiters;

    SyncCell(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    /** Replay: the object's first turn gives it the recorded id. */
    public void assignId(int recorded) {
        id = recorded;
    }

    public long heldEvent() {
        return heldEvent;
    }

    public void holdEvent(long event) {
        heldEvent = event;
    }

    /** Replay, holding the object's monitor: one more (or, with -1, one less) thread waits on it for its turn. */
    public void monitorWaiters(int delta) {
        monitorWaiters += delta;
    }

    public boolean monitorWaited() {
        return monitorWaiters > 0;
    }

    /** Takes the next turn (recording); returns its number. */
    long takeTurn() {
        return (long) TURNS.getAndAdd(this, 1L);
    }

    /** Turns taken so far, modulo 2^30. */
    public long turnsTaken() {
        return turns & SyncTurn.TURN_MASK;
    }

    /** Turns taken so far. */
    public long turns() {
        return turns;
    }

    /** The count of turns taken at which the recorded turn {@code turn} (modulo 2^30) comes: not behind now. */
    public long countAt(long turn) {
        long now = turns;
        return now + ((turn - now) & SyncTurn.TURN_MASK);
    }

    /** Replay: the holder of the current turn passes it on, and wakes the sleepers when one's count came. */
    public void passTurn() {
        long now = (long) TURNS.getAndAdd(this, 1L) + 1;
        if (now >= wakeAt) {
            synchronized (this) {
                wakeAt = Long.MAX_VALUE;
                notifyAll();
            }
        }
    }

    /**
     * Replay: sleeps until the turns taken reach {@code count}, or {@code millis} pass. The count is
     * published before the turns are read, and passing reads it after counting: one of the two sees the
     * other, so no wake-up is lost.
     */
    public void sleepUntil(long count, long millis) throws InterruptedException {
        synchronized (this) {
            if (count < wakeAt) {
                wakeAt = count;
            }
            if (turns < count) {
                wait(millis);
            }
        }
    }

    /** Recording: the spin lock around an atomic update. Reentrant, as an update function may nest one. */
    void lock(Thread me) {
        if (owner == me) {
            holds++;
            return;
        }
        for (int spins = 0; !OWNER.compareAndSet(this, null, me); spins++) {
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        holds = 1;
    }

    void unlock() {
        if (--holds == 0) {
            OWNER.setRelease(this, null);
        }
    }
}
