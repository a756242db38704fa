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

    public static final CallSite PROCESS_READ = new CallSite(4, EventKind.PROCESS_READ, "java.lang.Process",
        "getInputStream().read", "(child)", 0, -1, "Process.java");
    public static final CallSite PROCESS_WAIT = new CallSite(5, EventKind.PROCESS_WAIT, "java.lang.Process", "waitFor",
        "(child)", 0, -1, "Process.java");
    public static final CallSite PROCESS_WRITE = new CallSite(6, EventKind.PROCESS_WRITE, "java.lang.Process",
        "getOutputStream().write", "(child)", 0, -1, "Process.java");

    /** The serial schedule's two events per turn (see {@link RecordedTurns}). */
    public static final CallSite TURN = new CallSite(7, EventKind.THREAD_TURN, "airlock", "schedule", "(turn)",
        0, -1, "");
    public static final CallSite TURN_POINT = new CallSite(8, EventKind.THREAD_TURN_POINT, "airlock", "schedule",
        "(turn point)", 0, -1, "");
    public static final int TURN_REF = SiteRef.of(7, EventKind.THREAD_TURN);
    public static final int TURN_POINT_REF = SiteRef.of(8, EventKind.THREAD_TURN_POINT);
    public static final CallSite TURN_WHERE = new CallSite(11, EventKind.THREAD_TURN_WHERE, "airlock", "schedule",
        "(turn where)", 0, -1, "");
    public static final int TURN_WHERE_REF = SiteRef.of(11, EventKind.THREAD_TURN_WHERE);

    /** {@code threads=ordered}: one event per monitor, lock or atomic turn (see {@link SyncTurn}). */
    public static final CallSite SYNC_TURN = new CallSite(9, EventKind.SYNC_TURN, "airlock", "order", "(sync turn)",
        0, -1, "");
    public static final int SYNC_TURN_REF = SiteRef.of(9, EventKind.SYNC_TURN);
    /** {@code threads=ordered}: consecutive turns of one object in one event (see {@code ThreadEventWriter}). */
    public static final CallSite SYNC_RUN = new CallSite(10, EventKind.SYNC_RUN, "airlock", "order", "(sync turns)",
        0, -1, "");
    public static final int SYNC_RUN_REF = SiteRef.of(10, EventKind.SYNC_RUN);

    public static final int PROCESS_READ_REF = SiteRef.of(4, EventKind.PROCESS_READ);
    public static final int PROCESS_WAIT_REF = SiteRef.of(5, EventKind.PROCESS_WAIT);
    public static final int PROCESS_WRITE_REF = SiteRef.of(6, EventKind.PROCESS_WRITE);

    public static final int STDOUT_REF = SiteRef.of(1, EventKind.STDOUT);
    public static final int STDERR_REF = SiteRef.of(2, EventKind.STDERR);
    public static final int THREAD_START_REF = SiteRef.of(3, EventKind.THREAD_START);

    private RuntimeSites() {
    }

    public static List<CallSite> all() {
        return List.of(STDOUT, STDERR, THREAD_START, PROCESS_READ, PROCESS_WAIT, PROCESS_WRITE, TURN, TURN_POINT, TURN_WHERE,
            SYNC_TURN, SYNC_RUN);
    }
}
