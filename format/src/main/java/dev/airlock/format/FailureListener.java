package dev.airlock.format;

import java.util.function.Consumer;

/**
 * Hears of every exception a payload is about to record, before it is encoded by class name and message:
 * the recorder notes where in the JDK it was thrown, which the payload does not say. Nothing listens
 * unless a recorder is installed.
 */
public final class FailureListener {

    private static volatile Consumer<Throwable> listener = failure -> { };

    private FailureListener() {
    }

    public static void install(Consumer<Throwable> l) {
        listener = l;
    }

    static void recording(Throwable failure) {
        listener.accept(failure);
    }
}
