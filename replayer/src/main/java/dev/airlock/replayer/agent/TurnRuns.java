package dev.airlock.replayer.agent;

import dev.airlock.recorder.runtime.SyncTurn;

/**
 * {@code threads=ordered}, replay: the recorded runs of consecutive turns ({@code thread.sync-run}) one
 * thread is in, by object. The recorder keeps at most four runs open at once, so a thread is never in
 * more here; each is taken up when the thread asks for its object's next turn and has none left.
 */
final class TurnRuns {

    private static final int SLOTS = 8;

    private final long[] next = new long[SLOTS];
    private final long[] left = new long[SLOTS];
    /** Turns handed out from runs after their first: progress the count of replayed events does not show. */
    long taken;

    /** The next turn of the run under way on the object with this recorded id, or 0 when there is none. */
    long take(int objectId) {
        if (objectId == 0) {
            return 0;
        }
        for (int i = 0; i < SLOTS; i++) {
            if (left[i] > 0 && SyncTurn.id(next[i]) == objectId) {
                long turn = next[i];
                next[i] = turn + SyncTurn.NEXT_TURN;
                left[i]--;
                taken++;
                return turn;
            }
        }
        return 0;
    }

    /** A run read from the journal, whose first turn is being taken now; false when no slot is free. */
    boolean begin(long first, long count) {
        for (int i = 0; i < SLOTS; i++) {
            if (left[i] == 0) {
                next[i] = first + SyncTurn.NEXT_TURN;
                left[i] = count - 1;
                return true;
            }
        }
        return false;
    }

    /** Turns recorded in runs under way that were not taken yet. */
    long left() {
        long n = 0;
        for (long l : left) {
            n += l;
        }
        return n;
    }
}
