package dev.airlock.recorder.runtime;

/** Why a turn of the serial schedule ended; written with each turn, checked on replay. */
public final class TurnEnd {

    /** The recorder took the turn away at a method entry or back-edge, or the thread yielded. */
    public static final int PREEMPTED = 0;
    /** The thread was about to block outside the scheduler: a park, an I/O wait, a sleep, a join. */
    public static final int BLOCKED = 1;
    /** The monitor the thread wanted was held by another thread. */
    public static final int MONITOR = 2;
    /** The thread called {@code wait}. */
    public static final int WAITING = 3;
    /** The thread ended. */
    public static final int EXITED = 4;
    /**
     * Another thread found the holder blocked where the scheduler cannot see (a JDK-internal monitor or
     * wait): the turn ended somewhere after its last counted point.
     */
    public static final int REVOKED = 5;

    private static final String[] NAMES = {"preempted", "blocked", "monitor", "waiting", "exited", "revoked"};

    private TurnEnd() {
    }

    public static String name(int reason) {
        return reason >= 0 && reason < NAMES.length ? NAMES[reason] : "reason " + reason;
    }

    public static long encode(int threadId, int reason) {
        return ((long) threadId << 3) | reason;
    }

    public static int threadId(long encoded) {
        return (int) (encoded >>> 3);
    }

    public static int reason(long encoded) {
        return (int) (encoded & 7);
    }
}
