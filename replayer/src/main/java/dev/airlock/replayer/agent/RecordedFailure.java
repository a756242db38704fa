package dev.airlock.replayer.agent;

import dev.airlock.format.StreamPayloads;
import java.io.IOException;

/**
 * Rebuilds an exception the recorded program saw, from its class name and message, so the replay
 * throws the same type at the same point. A class that cannot be rebuilt becomes its nearest
 * stand-in with the class name in the message.
 */
final class RecordedFailure {

    private RecordedFailure() {
    }

    static IOException ioException(StreamPayloads.Outcome o) {
        Throwable t = rebuild(o);
        return asThrownByTheJdk(t instanceof IOException io ? io : new IOException(o.exceptionClass() + ": " + o.message()));
    }

    static RuntimeException runtimeException(StreamPayloads.Outcome o) {
        Throwable t = rebuild(o);
        return asThrownByTheJdk(t instanceof RuntimeException r ? r
            : new IllegalStateException(o.exceptionClass() + ": " + o.message()));
    }

    static InterruptedException interrupted(StreamPayloads.Outcome o) {
        return asThrownByTheJdk(new InterruptedException(o.message()));
    }

    /** Where the recording's failures were thrown, by call and exception class; set before the program runs. */
    private static volatile java.util.Map<String, String> recordedFrames = java.util.Map.of();

    static void useFramesFrom(java.util.Map<String, String> frames) {
        recordedFrames = frames;
    }

    /**
     * Gives a rebuilt exception the trace the recorded one had: the frames below the captured call are
     * this replay's own (the same code on the same path); above it, those the recording noted for this call
     * and exception class ({@code FailureOrigins}), or else the JDK method the bridge stands in for (a
     * native one printed {@code (Native Method)}, as the JVM prints it). Made here, its trace would start
     * with reflection and the replay agent's frames.
     */
    static <T extends Throwable> T asThrownByTheJdk(T t) {
        dev.airlock.recorder.runtime.FailureOrigins.Call call = dev.airlock.recorder.runtime.FailureOrigins.current();
        if (call == null) {
            return t;
        }
        java.util.List<StackTraceElement> out = new java.util.ArrayList<>();
        String noted = recordedFrames.get(call.key() + "#" + t.getClass().getName());
        if (noted != null) {
            out.addAll(dev.airlock.recorder.runtime.FailureOrigins.decode(noted));
        } else {
            String bridge = call.key().substring(0, call.key().indexOf('@'));
            String[] replaced = dev.airlock.recorder.instrument.CaptureRules.replacedBy(bridge);
            if (replaced != null) {
                out.add(frameOf(replaced));
            }
        }
        out.addAll(call.below());
        t.setStackTrace(out.toArray(new StackTraceElement[0]));
        return t;
    }

    private static StackTraceElement frameOf(String[] call) {
        boolean isNative = false;
        String module = null;
        try {
            Class<?> owner = Class.forName(call[0], false, null);
            module = owner.getModule().getName();
            for (java.lang.reflect.Method m : owner.getDeclaredMethods()) {
                isNative |= m.getName().equals(call[1]) && java.lang.reflect.Modifier.isNative(m.getModifiers());
            }
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            // not a boot class: no module to name
        }
        return new StackTraceElement(null, module, null, call[0], call[1], null, isNative ? -2 : -1);
    }

    private static Throwable rebuild(StreamPayloads.Outcome o) {
        try {
            Class<?> type = Class.forName(o.exceptionClass(), false, ClassLoader.getSystemClassLoader());
            if (Throwable.class.isAssignableFrom(type)) {
                return (Throwable) type.getConstructor(String.class).newInstance("null".equals(o.message()) ? null : o.message());
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            // no public (String) constructor: the caller's stand-in
        }
        return null;
    }
}
