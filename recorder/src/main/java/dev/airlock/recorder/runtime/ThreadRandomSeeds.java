package dev.airlock.recorder.runtime;

import java.lang.reflect.Method;

/**
 * Seeds the calling thread's {@code ThreadLocalRandom} again, through the JDK's own {@code localInit}, so
 * the seed goes through {@code Hooks.threadLocalSeed} at a point that is the same in every run:
 * <ul>
 *   <li>the main thread's once capturing is on: the agent's own start-up (Chronicle) may already have
 *       seeded it, uncaptured; a fresh seed is captured like any other. Record and replay both call this at
 *       the same point.</li>
 *   <li>an application thread's once its path is known: the agent's setting up of the thread (a contended
 *       {@code ConcurrentHashMap} while naming it) may have seeded it before it had a path, with the JDK's
 *       seed, and only on the runs where the thread met contention there.</li>
 * </ul>
 */
public final class ThreadRandomSeeds {

    private ThreadRandomSeeds() {
    }

    private static volatile Method localInit;

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

    /** Seeds the calling thread again; the main thread's outside any agent section, after {@link #prepare}. */
    public static void reseed() {
        Method m = localInit;
        if (m == null) {
            return;
        }
        try {
            m.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            dev.airlock.recorder.agent.AgentLog.warn("cannot seed the thread's ThreadLocalRandom again: " + e);
        }
    }
}
