package dev.airlock.recorder.runtime;

import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps, as NOTE documents for the analyst, the exceptions that escaped a thread (with their stack
 * traces) and the path to the first {@code System.exit} (the calling thread and its stack).
 */
final class UncaughtLog {

    private final JournalWriter journal;
    private final AtomicInteger count = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean exitNoted = new java.util.concurrent.atomic.AtomicBoolean();

    UncaughtLog(JournalWriter journal) {
        this.journal = journal;
    }

    void record(Thread thread, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String p = HeaderKeys.UNCAUGHT + count.getAndIncrement() + ".";
        journal.writeNote(new Fields().put(p + "thread", thread.getName()).put(p + "class", error.getClass().getName())
            .put(p + "message", error.getMessage()).put(p + "stack", trace.toString()));
    }

    /** The first exit call: who called it and from where. */
    void exiting(int status) {
        if (!exitNoted.compareAndSet(false, true)) {
            return;
        }
        StringBuilder stack = new StringBuilder();
        for (StackTraceElement f : new Throwable().getStackTrace()) {
            if (!f.getClassName().startsWith("dev.airlock.recorder.") && !f.getClassName().startsWith("dev.airlock.bridge.")) {
                stack.append("\tat ").append(f).append('\n');
            }
        }
        journal.writeNote(new Fields().put("exit.thread", Thread.currentThread().getName()).put("exit.status", status)
            .put("exit.stack", stack.toString()));
    }
}
