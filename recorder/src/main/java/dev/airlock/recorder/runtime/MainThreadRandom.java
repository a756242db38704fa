package dev.airlock.recorder.runtime;

import java.lang.reflect.Method;

/**
 * Seeds the main thread's {@code ThreadLocalRandom} again once capturing is on. The agent's own start-up
 * (Chronicle) may already have seeded it, uncaptured; a fresh seed is captured like any other, so the
 * application's draws on main replay. Record and replay both call this at the same point.
 */
public final class MainThreadRandom {

    private MainThreadRandom() {
    }

    private static Method localInit;

    /**
     * Initializes {@code ThreadLocalRandom} (its class initializer creates a {@code Random}) and finds the
     * method; call inside an agent section so none of that is captured.
     */
    public static void prepare() {
        try {
            Method m = Class.forName("java.util.concurrent.ThreadLocalRandom", true, null).getDeclaredMethod("localInit");
            m.setAccessible(true);
            localInit = m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            dev.airlock.recorder.agent.AgentLog.warn("cannot reach ThreadLocalRandom.localInit: " + e);
        }
    }

    /** Call outside any agent section, on the main thread, after {@link #prepare}. */
    public static void reseed() {
        if (localInit == null) {
            return;
        }
        try {
            localInit.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            dev.airlock.recorder.agent.AgentLog.warn("cannot reseed the main thread's ThreadLocalRandom: " + e);
        }
    }
}
