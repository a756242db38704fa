package dev.airlock.recorder.runtime;

import dev.airlock.format.ThreadEventWriter;

/** Per-thread recording state: the thread's event writer, set for application threads only. */
final class RecordingThread extends ThreadState {

    ThreadEventWriter writer;

    @Override
    protected void runEnded() {
        writer.end();
    }

    boolean capturing() {
        return writer != null && agentDepth == 0;
    }
}
