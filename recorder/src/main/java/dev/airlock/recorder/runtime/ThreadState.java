package dev.airlock.recorder.runtime;

import dev.airlock.format.PayloadCodec;

/**
 * What recording and replay both keep per thread: whether the thread is the application's, its
 * deterministic path, how many children it started, and how deep in agent code it is. Subclasses add
 * the mode's own state.
 */
public abstract class ThreadState {

    /** Depth of agent code on this thread; values are captured or replayed only at depth 0. */
    public int agentDepth;
    /** The thread's path (see {@link ThreadPaths}), or null for a thread that is not the application's. */
    public String path;

    /**
     * What {@code ThreadLocalRandom} adds to this thread's seed per draw instead of its JVM id, which
     * differs on replay: a number made from the thread's path (any number serves; the JDK only needs
     * one per thread). A thread without a path (not the application's) keeps its JVM id.
     */
    @SuppressWarnings("deprecation") // threadId() is Java 19+
    public long randomThreadId(Thread thread) {
        String p = path;
        return p == null ? thread.getId() : 0x1_0000_0000L | (p.hashCode() & 0xFFFF_FFFFL);
    }
    /** The main thread's {@code ThreadLocalRandom} seed, as recorded: see {@link #randomSeed}. */
    private static volatile long mainRandomSeed;

    /**
     * {@code ThreadLocalRandom}'s seed for this thread, {@code kept} being the JDK's own as recorded or
     * replayed: main's is that one (and is kept for the others); another application thread's is made
     * from main's and the thread's path, so it is the same however late the JDK seeds the thread.
     */
    public long randomSeed(long kept) {
        String p = path;
        if (p == null) {
            return kept;
        }
        if (p.equals("main")) {
            mainRandomSeed = kept;
            return kept;
        }
        long h = 0xcbf29ce484222325L; // FNV-1a over the path's characters
        for (int i = 0; i < p.length(); i++) {
            h = (h ^ p.charAt(i)) * 0x100000001b3L;
        }
        return dev.airlock.bridge.Hooks.mixSeed(mainRandomSeed + h);
    }

    /** Whether {@link #randomSeed} makes this thread's seed rather than keep the JDK's. */
    public boolean makesRandomSeed() {
        return path != null && !path.equals("main");
    }

    /**
     * The JDK's seed, for a thread seeded where nothing is captured. One without a path yet (seeded while
     * the agent sets it up) is noted, so it is seeded again once it has one (see {@link ThreadRandomSeeds}).
     */
    public long uncapturedRandomSeed(long seeder) {
        if (path == null) {
            seededWithoutPath = true;
        }
        return dev.airlock.bridge.Hooks.mixSeed(seeder);
    }

    /** Whether the JDK seeded this thread's {@code ThreadLocalRandom} before the thread had a path. */
    boolean seededWithoutPath;

    /** Children started so far: the next child's spawn order. */
    public int spawned;
    /** Fork-join tasks queued or run where called so far: the next one's name (see {@link TaskThreads}). */
    int tasksMade;
    /** A logical thread's (a task run's): the state of the thread it runs on, itself again when the run ends. */
    ThreadState host;
    /** The thread's place in the serial schedule, once it took part in it; null otherwise. */
    public TurnState turn;
    /** {@code threads=ordered}: the thread's probe and cache of sync cells, made on first use. */
    public SyncCells.Local sync;
    /** Identity hashes this thread has handed out (see {@link IdentityHashes}). */
    long identityHashes;
    boolean initialized;
    private PayloadCodec codec;
    private final byte[] consoleCheck = new byte[8];
    private java.util.zip.CRC32C crc;

    public boolean application() {
        return path != null;
    }

    /** Whether this is a logical thread (a fork-join task's run) rather than a JVM thread. */
    public boolean logical() {
        return host != null;
    }

    /** A logical thread's run has ended: nothing more happens on it. */
    protected void runEnded() {
    }

    /**
     * What a console write is kept as when the policy keeps no console bytes: its length and CRC-32C,
     * 8 bytes in a buffer owned by this thread (valid until the next call).
     */
    public byte[] consoleCheck(byte[] bytes, int offset, int length) {
        if (crc == null) {
            crc = new java.util.zip.CRC32C();
        }
        crc.reset();
        crc.update(bytes, offset, length);
        long c = crc.getValue();
        for (int i = 0; i < 4; i++) {
            consoleCheck[i] = (byte) (length >>> (8 * i));
            consoleCheck[4 + i] = (byte) (c >>> (8 * i));
        }
        return consoleCheck;
    }

    /** One codec per thread: Kryo is not thread-safe. */
    public PayloadCodec codec() {
        if (codec == null) {
            codec = new PayloadCodec();
        }
        return codec;
    }
}
