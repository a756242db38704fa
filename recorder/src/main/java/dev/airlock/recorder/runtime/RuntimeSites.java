package dev.airlock.recorder.runtime;

import dev.airlock.format.CallSite;
import dev.airlock.format.EventKind;
import dev.airlock.format.SiteRef;
import java.util.List;

/**
 * Call sites of the events the runtime itself produces from entry hooks (console output, thread starts).
 * Fixed ids below {@link #FIRST_DYNAMIC}, identical in every recording and replay.
 */
public final class RuntimeSites {

    public static final int FIRST_DYNAMIC = 16;

    public static final CallSite STDOUT = new CallSite(1, EventKind.STDOUT, "java.io.FileOutputStream", "write", "(stdout)",
        0, -1, "FileOutputStream.java");
    public static final CallSite STDERR = new CallSite(2, EventKind.STDERR, "java.io.FileOutputStream", "write", "(stderr)",
        0, -1, "FileOutputStream.java");
    public static final CallSite THREAD_START = new CallSite(3, EventKind.THREAD_START, "java.lang.Thread", "start", "()V",
        0, -1, "Thread.java");

    public static final int STDOUT_REF = SiteRef.of(1, EventKind.STDOUT);
    public static final int STDERR_REF = SiteRef.of(2, EventKind.STDERR);
    public static final int THREAD_START_REF = SiteRef.of(3, EventKind.THREAD_START);

    private RuntimeSites() {
    }

    public static List<CallSite> all() {
        return List.of(STDOUT, STDERR, THREAD_START);
    }
}
