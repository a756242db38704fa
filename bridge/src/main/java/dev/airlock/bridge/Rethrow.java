package dev.airlock.bridge;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/** What a reflective call into the JDK threw, thrown again as itself: I/O failures stay IOExceptions. */
final class Rethrow {

    private Rethrow() {
    }

    /** Throws the cause when unchecked; returns it as an IOException otherwise, for the caller to throw. */
    static IOException cause(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException) {
            return (IOException) cause;
        }
        if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new IOException(cause);
    }
}
