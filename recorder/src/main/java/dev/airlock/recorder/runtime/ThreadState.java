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
    /** Children started so far: the next child's spawn order. */
    public int spawned;
    boolean initialized;
    private PayloadCodec codec;

    public boolean application() {
        return path != null;
    }

    /** One codec per thread: Kryo is not thread-safe. */
    public PayloadCodec codec() {
        if (codec == null) {
            codec = new PayloadCodec();
        }
        return codec;
    }
}
