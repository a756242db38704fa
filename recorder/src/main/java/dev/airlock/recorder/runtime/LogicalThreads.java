package dev.airlock.recorder.runtime;

/**
 * Lets the calling thread run for a while as a logical thread of the application (a fork-join task's
 * run, see {@link TaskThreads}): its own path, events, turns and identity hashes, whichever thread it
 * runs on.
 */
public interface LogicalThreads {

    /**
     * Makes the calling thread run as the logical thread {@code path} until {@link #endLogical}; returns
     * its state, or null when the calling thread is in agent code (the run is then the thread's own).
     */
    ThreadState startLogical(String path);

    /** The calling thread's own state, whatever logical thread it runs as. */
    ThreadState host();

    /** The logical thread's run is over: the calling thread is itself again. */
    void endLogical(ThreadState logical);
}
