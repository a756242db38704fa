package dev.airlock.recorder.runtime;

import java.lang.ref.ReferenceQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link SyncCell} of every object synchronized on in {@code threads=ordered}, by identity, held
 * weakly: a cell goes when its object does. A lookup allocates nothing: it goes through a probe of the
 * calling thread's, after a look in that thread's last few cells.
 */
public final class SyncCells {

    private static final int CACHED = 4;

    /** One thread's probe and cache. The cache keeps its few objects alive while they are in it. */
    public static final class Local {
        final Probe probe = new Probe();
        final Object[] keys = new Object[CACHED];
        final SyncCell[] cells = new SyncCell[CACHED];
        /** The cache slot the next miss takes. */
        int next;
        /** Replay: the cell and event of the monitor this thread is about to enter. */
        public SyncCell pendingCell;
    }

    /** Looks up a key without wrapping its object: the map asks the probe, never the stored key. */
    static final class Probe {
        Object target;
        int hash;

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WeakIdentityKey && ((WeakIdentityKey) other).get() == target;
        }
    }

    private final ConcurrentHashMap<Object, SyncCell> cells = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> gone = new ReferenceQueue<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final boolean numbered;

    /** @param numbered whether new cells get ids here (recording) or from the journal (replay) */
    public SyncCells(boolean numbered) {
        this.numbered = numbered;
    }

    /**
     * The object's cell. {@code s} is the calling thread's state: making a cell is agent work (the map's
     * counter, when threads contend on it, initializes {@code ThreadLocalRandom} for the thread, which
     * would otherwise be taken for the application's first draw, in one run and not the other).
     */
    public SyncCell of(Object o, ThreadState s) {
        Local local = localOf(s);
        // The cache is searched by reference, not by hash: hashing an object whose monitor is held (as
        // it is after monitorenter) leaves HotSpot's fast path, and the first time inflates the monitor.
        Object[] keys = local.keys;
        for (int i = 0; i < CACHED; i++) {
            if (keys[i] == o) {
                return local.cells[i];
            }
        }
        int h = System.identityHashCode(o);
        Probe p = local.probe;
        p.target = o;
        p.hash = h;
        SyncCell c = cells.get(p);
        p.target = null;
        if (c == null) {
            s.agentDepth++;
            try {
                c = make(o, h);
            } finally {
                s.agentDepth--;
            }
        }
        int slot = local.next;
        local.next = (slot + 1) & (CACHED - 1);
        keys[slot] = o;
        local.cells[slot] = c;
        return c;
    }

    /** The thread's probe and cache, made on first use. */
    public static Local localOf(ThreadState s) {
        Local l = s.sync;
        if (l == null) {
            l = new Local();
            s.sync = l;
        }
        return l;
    }

    private SyncCell make(Object o, int h) {
        for (Object k; (k = gone.poll()) != null; ) {
            cells.remove(k);
        }
        SyncCell fresh = new SyncCell(numbered ? ids.incrementAndGet() : 0);
        SyncCell prior = cells.putIfAbsent(new WeakIdentityKey(o, h, gone), fresh);
        return prior != null ? prior : fresh;
    }

    /** Cells alive now, for tests. */
    int size() {
        return cells.size();
    }
}
