package dev.airlock.format;

import java.util.Arrays;

/**
 * Encodes one thread's events into chunks. Only its own thread calls the append methods; they do not
 * lock, allocate or touch the disk. Full chunks go to the {@link JournalWriter}'s writer thread, which
 * also copies out partly filled chunks at every flush interval, so a killed process loses at most one
 * interval of events.
 */
public final class ThreadEventWriter {

    private static final boolean[] DELTA = new boolean[256];

    static {
        for (EventKind kind : EventKind.values()) {
            DELTA[kind.code()] = kind.valueType() == ValueType.LONG_DELTA || kind.valueType() == ValueType.INSTANT
                || kind.valueType() == ValueType.LONG_DELTA_COUNT;
        }
    }

    /** Room for the largest fixed-size event: kind, site and two varint longs. */
    private static final int MAX_FIXED_EVENT = 1 + 5 + 2 * Varints.MAX_LONG_BYTES;
    private static final byte[] NO_BYTES = new byte[0];

    private final JournalWriter journal;
    final String path;
    /** Set when the journal registers this writer: at once, or at the first event of a deferred one. */
    ThreadInfo thread;
    final Thread owner;
    /** A deferred writer's events ended before its owner did (see {@link #end}). */
    private volatile boolean ended;
    /** Made with the first chunk: a deferred writer that never registers costs a few small objects. */
    private long[] deltaBase;

    /** Read by the writer thread; replaced only by the owner. */
    volatile EventChunk current;
    private byte[] buf;
    private int pos;
    private int count;
    private long nextSeq;
    private boolean stopped;
    /** Next sequence number the writer thread must write for this thread; writer thread only. */
    long writtenSeq;

    /** Runs of turns held back; see {@link #appendRepeating}. */
    private PendingRuns runs = PendingRuns.NONE;

    /** Not registered yet: appending the first event registers it (see {@link JournalWriter#register}). */
    ThreadEventWriter(JournalWriter journal, String path, Thread owner) {
        this.journal = journal;
        this.path = path;
        this.owner = owner;
        this.buf = NO_BYTES;
    }

    void registered(ThreadInfo info, EventChunk first) {
        thread = info;
        deltaBase = new long[256];
        runs = new PendingRuns();
        startChunk(first);
    }

    /** The thread as the journal knows it; null for a deferred writer with no event yet. */
    public ThreadInfo thread() {
        return thread;
    }

    /**
     * No more events come from this writer, though its owner thread goes on (a logical thread's run has
     * ended): what it holds is written, and the journal lets it go. Owner only.
     */
    public void end() {
        if (runs.size() != 0) {
            flushRuns();
        }
        ended = true;
    }

    /** Whether nothing more is appended: {@link #end} was called or the owner has ended. */
    boolean ended() {
        return ended || !owner.isAlive();
    }

    /** Events appended so far, including any dropped after the recording stopped. */
    public long sequence() {
        return nextSeq;
    }

    /**
     * Appends {@code value} as a {@code singleRef} event, unless it continues a pending run: the same
     * refs, and {@code step} more than that run's last value. Runs stay pending, costing a few compares
     * and one field write per value, until another kind of event is appended or more than
     * {@link PendingRuns#SLOTS} runs are under way; then each is written, in the order they started, as
     * one {@code singleRef} event when it has one value, else as one {@code runRef} event of type
     * {@link ValueType#LONG_DELTA_COUNT} (first value and count). A reader that takes each run when it
     * first needs a value from it therefore meets them in the order they are written. The journal
     * writes runs still pending when the owner ends or the journal closes.
     */
    public void appendRepeating(int singleRef, int runRef, long value, long step) {
        if (runs.size() != 0 && runs.extend(singleRef, runRef, value, step)) {
            return;
        }
        if (stopped) {
            nextSeq++;
            return;
        }
        if (thread == null) {
            // so the journal, which writes pending runs of the writers it knows, knows this one
            journal.register(this);
        }
        runs.beginChange();
        if (runs.size() == PendingRuns.SLOTS) {
            writeOldestRun();
        }
        runs.start(singleRef, runRef, value, step);
        runs.endChange();
    }

    private void flushRuns() {
        runs.beginChange();
        while (runs.size() != 0) {
            writeOldestRun();
        }
        runs.endChange();
    }

    private void writeOldestRun() {
        long n = runs.oldestCount();
        long value = runs.oldestFirst();
        int single = runs.oldestSingleRef();
        int run = runs.oldestRunRef();
        runs.removeOldest();
        if (n == 1) {
            writeLong(single, value);
        } else if (reserve(MAX_FIXED_EVENT)) {
            int kind = SiteRef.kindCode(run);
            int p = Varints.writeSigned(buf, head(run), value - deltaBase[kind]);
            deltaBase[kind] = value;
            commit(Varints.writeUnsigned(buf, p, n));
        }
    }

    /** The pending runs for the journal's writer thread (see {@link PendingRuns#snapshot}). */
    long[] pendingRuns() {
        return runs.snapshot(() -> nextSeq);
    }

    /** The journal wrote the pending runs of this writer's ended owner: they count as appended. */
    void runsWrittenByJournal(int count) {
        runs.clear();
        nextSeq += count;
    }

    public void appendLong(int ref, long value) {
        if (runs.size() != 0) {
            flushRuns();
        }
        writeLong(ref, value);
    }

    private void writeLong(int ref, long value) {
        if (!reserve(MAX_FIXED_EVENT)) {
            return;
        }
        int kind = SiteRef.kindCode(ref);
        int p = head(ref);
        if (DELTA[kind]) {
            p = Varints.writeSigned(buf, p, value - deltaBase[kind]);
            deltaBase[kind] = value;
        } else {
            p = Varints.writeSigned(buf, p, value);
        }
        commit(p);
    }

    public void appendInt(int ref, int value) {
        appendLongRaw(ref, value);
    }

    private void appendLongRaw(int ref, long value) {
        if (runs.size() != 0) {
            flushRuns();
        }
        if (!reserve(MAX_FIXED_EVENT)) {
            return;
        }
        commit(Varints.writeSigned(buf, head(ref), value));
    }

    public void appendDouble(int ref, double value) {
        if (runs.size() != 0) {
            flushRuns();
        }
        if (!reserve(MAX_FIXED_EVENT)) {
            return;
        }
        int p = head(ref);
        long bits = Double.doubleToRawLongBits(value);
        for (int i = 0; i < 8; i++) {
            buf[p++] = (byte) (bits >>> (8 * i));
        }
        commit(p);
    }

    public void appendInstant(int ref, long epochSecond, int nanos) {
        if (runs.size() != 0) {
            flushRuns();
        }
        if (!reserve(MAX_FIXED_EVENT)) {
            return;
        }
        int kind = SiteRef.kindCode(ref);
        int p = Varints.writeSigned(buf, head(ref), epochSecond - deltaBase[kind]);
        deltaBase[kind] = epochSecond;
        commit(Varints.writeUnsigned(buf, p, nanos));
    }

    public void appendMarker(int ref) {
        if (runs.size() != 0) {
            flushRuns();
        }
        if (!reserve(MAX_FIXED_EVENT)) {
            return;
        }
        commit(head(ref));
    }

    /** A byte-string value; {@code bytes == null} records a null. */
    public void appendBytes(int ref, byte[] bytes, int offset, int length) {
        if (runs.size() != 0) {
            flushRuns();
        }
        int len = bytes == null ? 0 : length;
        if (!reserve(MAX_FIXED_EVENT + len)) {
            return;
        }
        int p = head(ref);
        if (bytes == null) {
            p = Varints.writeSigned(buf, p, -1);
        } else {
            p = Varints.writeSigned(buf, p, length);
            System.arraycopy(bytes, offset, buf, p, length);
            p += length;
        }
        commit(p);
    }

    /**
     * One part of a read too big for one event, at most {@link #largestPart()} bytes: like
     * {@link #appendBytes}, but when the journal's buffer is spent it waits for the writer thread rather
     * than stopping the recording (see {@link JournalWriter#chunkForPart}).
     */
    public void appendPart(int ref, byte[] bytes, int offset, int length) {
        if (runs.size() != 0) {
            flushRuns();
        }
        if (!reserve(MAX_FIXED_EVENT + length, true)) {
            return;
        }
        int p = Varints.writeSigned(buf, head(ref), length);
        System.arraycopy(bytes, offset, buf, p, length);
        commit(p + length);
    }

    /** The largest part {@link #appendPart} takes. */
    public int largestPart() {
        return journal.largestPart();
    }

    private int head(int ref) {
        int p = pos;
        buf[p++] = (byte) SiteRef.kindCode(ref);
        return Varints.writeUnsigned(buf, p, SiteRef.site(ref));
    }

    private void commit(int newPos) {
        pos = newPos;
        count++;
        nextSeq++;
        current.publish(count, newPos);
    }

    private boolean reserve(int bytes) {
        return reserve(bytes, false);
    }

    private boolean reserve(int bytes, boolean part) {
        if (stopped) {
            nextSeq++;
            return false;
        }
        if (pos + bytes <= buf.length) {
            return true;
        }
        if (thread == null) {
            journal.register(this);
            if (pos + bytes <= buf.length) {
                return true;
            }
        }
        EventChunk full = current;
        EventChunk next = part ? journal.chunkForPart(bytes) : journal.chunkFor(bytes);
        if (next == null) {
            stopped = true;
            nextSeq++;
            return false;
        }
        startChunk(next);
        journal.submitFull(this, full);
        return true;
    }

    private void startChunk(EventChunk chunk) {
        chunk.reset(nextSeq);
        current = chunk;
        buf = chunk.data;
        pos = 0;
        count = 0;
        Arrays.fill(deltaBase, 0L);
    }

    boolean stopped() {
        return stopped;
    }
}
