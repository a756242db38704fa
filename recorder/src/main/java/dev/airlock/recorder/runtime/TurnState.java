package dev.airlock.recorder.runtime;

/** One thread's place in the serial schedule: its recorded id and how many points it has passed. */
public final class TurnState {

    public final Thread thread;
    /** The journal id of the thread (the recorded one, on replay). */
    public final int id;
    public final String path;
    /** Scheduling points passed: counted operations, the position a turn's end is written at. */
    public long points;
    /** Points left before the recorder considers passing the turn on. */
    int budget;
    private long random;
    /** Set by {@code notify} while the thread waits on a monitor. */
    volatile boolean notified;
    /** The thread's last turn has ended. */
    public volatile boolean exited;
    /** Waiting in the recorder's queue for the turn. */
    boolean queued;

    public TurnState(Thread thread, int id, String path) {
        this.thread = thread;
        this.id = id;
        this.path = path;
        this.random = (System.nanoTime() ^ ((long) id << 32)) | 1;
    }

    /** A fresh budget, uniform in 1..2*mean: the recorder's own generator, never the application's. */
    int nextBudget(int mean) {
        random ^= random << 13;
        random ^= random >>> 7;
        random ^= random << 17;
        return 1 + (int) Long.remainderUnsigned(random, 2L * mean);
    }

    /** Whether the thread sits where only another thread's progress can wake it. */
    public boolean stuck() {
        Thread.State s = thread.getState();
        return s == Thread.State.BLOCKED || s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING
            || s == Thread.State.TERMINATED;
    }
}
