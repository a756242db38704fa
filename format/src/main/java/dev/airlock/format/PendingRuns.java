package dev.airlock.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.LongSupplier;

/**
 * The runs of repeating values one {@link ThreadEventWriter} holds back (see
 * {@link ThreadEventWriter#appendRepeating}): up to {@link #SLOTS} runs, kept in the order they started,
 * each a first value, a step and a count. Several at once, because a thread that alternates between two
 * locks continues two runs.
 *
 * <p>The owner thread changes them; the journal's writer thread reads them when the owner has ended or
 * the journal closes, while the owner may still run. {@code version} is odd while the owner starts or
 * removes a run, so the reader gets the runs whole or tries again; a run only grows by its count, one
 * field, which needs no version change.
 */
final class PendingRuns {

    static final int SLOTS = 4;
    /** What a writer has before it registers: no runs (it registers before it starts one). */
    static final PendingRuns NONE = new PendingRuns();
    /** A run is written out once it is this long, so its count fits any reader. */
    private static final long LONGEST = Integer.MAX_VALUE;

    private static final VarHandle VERSION;
    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(PendingRuns.class, "version", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused")
    private int version;
    private final long[] first = new long[SLOTS];
    private final long[] counts = new long[SLOTS];
    private final long[] steps = new long[SLOTS];
    private final int[] singleRefs = new int[SLOTS];
    private final int[] runRefs = new int[SLOTS];
    private int oldest;
    private int size;

    int size() {
        return size;
    }

    /** Owner: counts {@code value} into the run it continues; false when it continues none. */
    boolean extend(int singleRef, int runRef, long value, long step) {
        for (int i = 0; i < size; i++) {
            int s = (oldest + i) & (SLOTS - 1);
            long n = counts[s];
            if (value == first[s] + n * step && steps[s] == step && runRefs[s] == runRef && singleRefs[s] == singleRef
                && n < LONGEST) {
                COUNTS.setRelease(counts, s, n + 1);
                return true;
            }
        }
        return false;
    }

    /** Owner, inside {@link #beginChange}/{@link #endChange}, with a free slot: a new run of one value. */
    void start(int singleRef, int runRef, long value, long step) {
        int s = (oldest + size) & (SLOTS - 1);
        first[s] = value;
        steps[s] = step;
        singleRefs[s] = singleRef;
        runRefs[s] = runRef;
        counts[s] = 1;
        size++;
    }

    int oldestSingleRef() {
        return singleRefs[oldest];
    }

    int oldestRunRef() {
        return runRefs[oldest];
    }

    long oldestFirst() {
        return first[oldest];
    }

    long oldestCount() {
        return counts[oldest];
    }

    /** Owner, inside {@link #beginChange}/{@link #endChange}. */
    void removeOldest() {
        counts[oldest] = 0;
        oldest = (oldest + 1) & (SLOTS - 1);
        size--;
    }

    void beginChange() {
        VERSION.setRelease(this, version + 1);
        VarHandle.storeStoreFence();
    }

    void endChange() {
        VERSION.setRelease(this, version + 1);
    }

    /**
     * Writer thread: {@code {sequence, runs, then per run singleRef, runRef, first value, count}}, oldest
     * first, where {@code sequence} (read from the owner with the runs) is the first run's sequence
     * number; null when no run is pending.
     */
    long[] snapshot(LongSupplier nextSequence) {
        for (int tries = 0; ; tries++) {
            int v = (int) VERSION.getAcquire(this);
            if ((v & 1) == 0) {
                int n = size;
                long[] out = n == 0 ? null : new long[2 + 4 * n];
                if (out != null) {
                    out[0] = nextSequence.getAsLong();
                    out[1] = n;
                    for (int i = 0; i < n; i++) {
                        int s = (oldest + i) & (SLOTS - 1);
                        out[2 + 4 * i] = singleRefs[s];
                        out[3 + 4 * i] = runRefs[s];
                        out[4 + 4 * i] = first[s];
                        out[5 + 4 * i] = (long) COUNTS.getAcquire(counts, s);
                    }
                }
                VarHandle.loadLoadFence();
                if ((int) VERSION.getOpaque(this) == v) {
                    return out;
                }
            }
            if (tries > 1000) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Writer thread, the owner having ended: the runs were written by the journal. */
    void clear() {
        while (size > 0) {
            removeOldest();
        }
    }
}
