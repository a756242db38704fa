package dev.airlock.recorder.runtime;

/**
 * One {@code thread.sync-turn} event in a long: which object (its id, high 32 bits), which of its turns
 * (the next 30 bits, counted modulo 2^30), and how the operation came out (low 2 bits).
 */
public final class SyncTurn {

    /** The monitor or lock was taken, the update applied (with a true result, if it has one). */
    public static final int DONE = 0;
    /** An atomic update returned false (a failed compare-and-set); a condition's timed wait timed out. */
    public static final int FALSE = 1;
    /** {@code tryLock} did not take the lock: no turn was taken. */
    public static final int NOT_TAKEN = 2;
    /** Interrupted: {@code wait} took its turn and threw, {@code lockInterruptibly} threw without one. */
    public static final int INTERRUPTED = 3;

    public static final long TURN_MASK = (1L << 30) - 1;
    /** What the next turn of the same object with the same outcome adds to an event (short of the wrap). */
    public static final long NEXT_TURN = 1L << 2;

    private SyncTurn() {
    }

    public static long encode(int id, long turn, int outcome) {
        return ((long) id << 32) | ((turn & TURN_MASK) << 2) | outcome;
    }

    public static int id(long event) {
        return (int) (event >>> 32);
    }

    public static long turn(long event) {
        return (event >>> 2) & TURN_MASK;
    }

    public static int outcome(long event) {
        return (int) event & 3;
    }

    public static String describe(long event) {
        String[] outcomes = {"taken", "taken, result false or timed out", "not taken", "interrupted"};
        return "turn " + turn(event) + " of object #" + id(event) + " (" + outcomes[outcome(event)] + ")";
    }
}
