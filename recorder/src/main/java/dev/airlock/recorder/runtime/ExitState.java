package dev.airlock.recorder.runtime;

/** How the program ended: an explicit exit status, an uncaught exception in main, or a normal return. */
public final class ExitState {

    private volatile int explicitStatus = Integer.MIN_VALUE;
    private volatile boolean mainThrew;
    private final Thread mainThread;

    public ExitState(Thread mainThread) {
        this.mainThread = mainThread;
    }

    public void exiting(int status) {
        if (explicitStatus == Integer.MIN_VALUE) {
            explicitStatus = status;
        }
    }

    public void uncaught(Thread thread) {
        if (thread == mainThread) {
            mainThrew = true;
        }
    }

    public boolean exitCalled() {
        return explicitStatus != Integer.MIN_VALUE;
    }

    /** The exit code the launcher reports: System.exit's status, 1 after an uncaught exception in main, else 0. */
    public int code() {
        if (exitCalled()) {
            return explicitStatus;
        }
        return mainThrew ? 1 : 0;
    }

    public String cause() {
        if (exitCalled()) {
            return "System.exit";
        }
        return mainThrew ? "uncaught exception in main" : "normal end";
    }
}
