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
    /** Application class initializers running on this thread (nested ones count each). */
    int initializing;
    /** Times the recorder kept the turn with this thread because it was initializing a class. */
    int keptForInitializer;
    private long random;
    /** Set by {@code notify} while the thread waits on a monitor. */
    volatile boolean notified;
    /** The thread's last turn has ended. */
    public volatile boolean exited;
    /**
     * What {@code getState()} shows the program while the scheduler holds this thread back in a
     * {@code wait}, {@code sleep}, {@code join} or for a monitor; null when it is not held back there.
     */
    volatile Thread.State seenAs;
    /** Blocked where the scheduler does not look (a park, a read): the JVM's own state is the right one. */
    volatile boolean outOfSight;
    /**
     * Inside the scheduler's own code: never taken for blocked out of sight. Written and read opaque:
     * cheap on the hot path, but never dropped by the compiler as a plain store between two others is.
     */
    private boolean inScheduler;
    private static final java.lang.invoke.VarHandle IN_SCHEDULER;

    static {
        try {
            IN_SCHEDULER = java.lang.invoke.MethodHandles.lookup().findVarHandle(TurnState.class, "inScheduler",
                boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public void inScheduler(boolean inside) {
        IN_SCHEDULER.setOpaque(this, inside);
    }
    /** Waiting in the recorder's queue for the turn. */
    boolean queued;

    private boolean woken;

    /**
     * Waits until {@link #wake} or {@code nanos} pass. The scheduler never parks or unparks application
     * threads itself: a permit it left behind would make one of the application's own parks return early.
     */
    public synchronized void nap(long nanos) {
        // An interrupt is the application's: set aside while napping, given back after.
        boolean interrupted = Thread.interrupted();
        try {
            if (!woken) {
                wait(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            woken = false;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public synchronized void wake() {
        woken = true;
        notifyAll();
    }

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

    /**
     * Whether the thread may be waiting for a class that another thread initializes: the JVM shows
     * that wait as {@code RUNNABLE}, in the frame that touched the class.
     */
    public boolean runnableOutOfScheduler() {
        return !(boolean) IN_SCHEDULER.getOpaque(this) && thread.getState() == Thread.State.RUNNABLE;
    }

    public boolean isInitializing() {
        return initializing > 0;
    }

    /** Whether the thread sits where only another thread's progress can wake it. */
    public boolean stuck() {
        if ((boolean) IN_SCHEDULER.getOpaque(this)) {
            return false;
        }
        Thread.State s = thread.getState();
        return s == Thread.State.BLOCKED || s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING
            || s == Thread.State.TERMINATED;
    }
}
