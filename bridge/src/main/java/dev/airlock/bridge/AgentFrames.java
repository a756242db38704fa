package dev.airlock.bridge;

/**
 * Keeps Airlock's own frames out of the stack traces the program sees. A captured call runs through the
 * agent (a bridge method, the recording or replay runtime, sometimes the real JDK call again), so an
 * exception from it would show those frames between the JDK's method and its caller, and a program that
 * prints its trace would print lines a run without Airlock does not. {@code Throwable.getOurStackTrace},
 * behind {@code printStackTrace} and {@code getStackTrace}, returns what {@link #visible} makes of it.
 *
 * <p>A trace that starts in Airlock is the agent's own error and stays whole; so does every trace on a
 * thread that {@link #keepAllOn} names (the agent's log).
 */
public final class AgentFrames {

    private static final String[] AGENT_PACKAGES = {
        "dev.airlock.bridge.", "dev.airlock.recorder.", "dev.airlock.replayer.", "dev.airlock.format.",
        "dev.airlock.shaded.",
    };

    private static volatile Thread keepingAll;

    private AgentFrames() {
    }

    public static boolean isAgent(String className) {
        for (String p : AGENT_PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The frames without Airlock's, nor the reflection frames right above a run of them (the agent calling
     * the JDK's own method reflectively); the same array when there are none (no allocation on that path).
     */
    public static StackTraceElement[] visible(StackTraceElement[] frames) {
        if (frames == null || frames.length == 0 || isAgent(frames[0].getClassName())
            || keepingAll == Thread.currentThread()) {
            return frames;
        }
        return withoutAgent(frames);
    }

    /**
     * Every Airlock frame out, and the reflection frames right above each run of them, wherever the trace
     * starts: for another thread's stack, which the agent may be running (a scheduler's wait).
     */
    public static StackTraceElement[] withoutAgent(StackTraceElement[] frames) {
        boolean[] hidden = null;
        int count = 0;
        for (int i = 0; i < frames.length; i++) {
            if (!isAgent(frames[i].getClassName())) {
                continue;
            }
            if (hidden == null) {
                hidden = new boolean[frames.length];
            }
            if (!hidden[i]) {
                hidden[i] = true;
                count++;
            }
            for (int up = i - 1; up >= 0 && !hidden[up] && isReflection(frames[up].getClassName()); up--) {
                hidden[up] = true;
                count++;
            }
        }
        if (hidden == null) {
            return frames;
        }
        StackTraceElement[] out = new StackTraceElement[frames.length - count];
        int o = 0;
        for (int i = 0; i < frames.length; i++) {
            if (!hidden[i]) {
                out[o++] = frames[i];
            }
        }
        return out;
    }

    private static boolean isReflection(String className) {
        return className.startsWith("jdk.internal.reflect.") || className.equals("java.lang.reflect.Method")
            || className.equals("java.lang.reflect.Constructor") || className.startsWith("java.lang.invoke.");
    }

    /** While set to the calling thread, its traces keep every frame; null ends that. One thread at a time. */
    public static void keepAllOn(Thread thread) {
        keepingAll = thread;
    }
}
