package dev.airlock.recorder.agent;

/**
 * Ends the JVM when the agent cannot start: one {@code airlock:} line on stderr and a non-zero exit.
 * A throwing premain would abort the JVM with code 134 and a fatal error on stdout instead.
 */
public final class StartupFailure {

    /** Bad agent options or an unusable journal directory. */
    public static final int USAGE = 2;
    /** Anything else that stops the agent from starting. */
    public static final int INTERNAL = 70;

    private StartupFailure() {
    }

    public static void halt(String message, int code, Throwable cause) {
        if (cause != null) {
            AgentLog.error(message, cause);
        }
        System.err.println("airlock: " + message);
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
