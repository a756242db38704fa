package dev.airlock.recorder.runtime;

import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps exceptions that escaped a thread, with their stack traces, as NOTE documents for the analyst. */
final class UncaughtLog {

    private final JournalWriter journal;
    private final AtomicInteger count = new AtomicInteger();

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
}
