package dev.airlock.replayer.agent;

import dev.airlock.format.ThreadInfo;
import dev.airlock.recorder.runtime.ThreadState;

/** Per-thread replay state: which recorded thread it is and where it is in that thread's events. */
final class ReplayThread extends ThreadState {

    /** The recorded thread of the same path, or null when the recording has none. */
    ThreadInfo recorded;
    EventCursor cursor;
    /** {@code threads=ordered}: the recorded runs of turns the thread is in. */
    final TurnRuns runs = new TurnRuns();

    boolean replaying() {
        return application() && agentDepth == 0;
    }
}
