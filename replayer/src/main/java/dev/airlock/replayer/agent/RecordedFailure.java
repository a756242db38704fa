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
        return t instanceof IOException io ? io : new IOException(o.exceptionClass() + ": " + o.message());
    }

    static RuntimeException runtimeException(StreamPayloads.Outcome o) {
        Throwable t = rebuild(o);
        return t instanceof RuntimeException r ? r : new IllegalStateException(o.exceptionClass() + ": " + o.message());
    }

    static InterruptedException interrupted(StreamPayloads.Outcome o) {
        return new InterruptedException(o.message());
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
