package dev.airlock.recorder.runtime;

import dev.airlock.format.PayloadCodec;
import dev.airlock.format.ThreadEventWriter;

/** Per-thread recording state: the event writer (null for threads that are not the application's). */
final class RecordingThread {

    /** Null until {@link RecordingSink} sets the thread up, and for threads that are not the application's. */
    ThreadEventWriter writer;
    String path;
    boolean initialized;
    /** Depth of agent code on this thread; events are captured only at depth 0. */
    int agentDepth;
    int spawned;
    private PayloadCodec codec;


    boolean capturing() {
        return writer != null && agentDepth == 0;
    }

    PayloadCodec codec() {
        if (codec == null) {
            codec = new PayloadCodec();
        }
        return codec;
    }
}
