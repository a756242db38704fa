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
    private static final VarHandle SLEEPERS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TURNS = l.findVarHandle(SyncCell.class, "turns", long.class);
            OWNER = l.findVarHandle(SyncCell.class, "owner", Thread.class);
            SLEEPERS = l.findVarHandle(SyncCell.class, "sleepers", int.class);
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
    private volatile int sleepers;
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

    /** Replay: the holder of the current turn passes it on and wakes whoever waits for the next. */
    public void passTurn() {
        TURNS.getAndAdd(this, 1L);
        if ((int) SLEEPERS.getVolatile(this) > 0) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Replay: waits up to {@code millis} for the turn to pass; an interrupt is left to the caller. */
    public void sleep(long turn, long millis) throws InterruptedException {
        SLEEPERS.getAndAdd(this, 1);
        try {
            synchronized (this) {
                if (turnsTaken() != turn) {
                    wait(millis);
                }
            }
        } finally {
            SLEEPERS.getAndAdd(this, -1);
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
