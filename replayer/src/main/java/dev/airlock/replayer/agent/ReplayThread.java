package dev.airlock.replayer.agent;

import dev.airlock.format.PayloadCodec;
import dev.airlock.format.ThreadInfo;

/** Per-thread replay state: which recorded thread it is and where it is in that thread's events. */
final class ReplayThread {

    boolean initialized;
    boolean application;
    String path;
    /** The recorded thread of the same path, or null when the recording has none. */
    ThreadInfo recorded;
    EventCursor cursor;
    int agentDepth;
    int spawned;
    private PayloadCodec codec;

    boolean replaying() {
        return application && agentDepth == 0;
    }

    PayloadCodec codec() {
        if (codec == null) {
            codec = new PayloadCodec();
        }
        return codec;
    }
}
