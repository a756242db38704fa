package dev.airlock.replayer.agent;

/**
 * Where {@code airlock replay --stop-at-exit} and {@code --stop-at EVENT} stop: the replay JVM's JDWP agent waits with
 * {@code onthrow=} this class, so the replay runs at full speed until the agent throws (and at once
 * catches) one here, and the debugger then finds the program's thread suspended on its way out, with
 * the application's frames below.
 */
public final class ReplayStopPoint extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static volatile boolean atExit;
    private static volatile long atEvent = -1;

    private ReplayStopPoint(String where) {
        super("airlock: the replay stops here for the debugger: " + where, null, false, false);
    }

    static void armAtExit() {
        atExit = true;
    }

    static void armAtEvent(long index) {
        atEvent = index;
    }

    /** The global event index to stop at, or -1. */
    static long armedAtEvent() {
        return atEvent;
    }

    static boolean armedAtExit() {
        return atExit;
    }

    /** Throws and catches a stop point: with the debugger waiting on it, the thread is suspended inside. */
    static void reach(String where) {
        atExit = false;
        try {
            throw new ReplayStopPoint(where);
        } catch (ReplayStopPoint expected) {
            // the debugger saw the throw; nothing else to do
        }
    }
}
