package dev.airlock.recorder.runtime;

/**
 * Tells application threads from the JVM's own and the agent's. Only application threads record or
 * replay events; JDK-internal threads (Reference Handler, Finalizer, Signal Dispatcher, Common-Cleaner,
 * Attach Listener, JDWP and compiler threads) live in the system thread group or are innocuous threads.
 */
public final class AppThreads {

    /** Every thread the agent starts carries this name prefix. */
    public static final String AGENT_PREFIX = "airlock-";

    private static final ThreadGroup SYSTEM = systemGroup();

    private AppThreads() {
    }

    private static ThreadGroup systemGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g != null && g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }

    public static boolean isApplication(Thread t) {
        if (t.getName().startsWith(AGENT_PREFIX)) {
            return false;
        }
        if (t.getClass().getName().equals("jdk.internal.misc.InnocuousThread")) {
            return false;
        }
        ThreadGroup group = t.getThreadGroup();
        return group != null && group != SYSTEM;
    }
}
