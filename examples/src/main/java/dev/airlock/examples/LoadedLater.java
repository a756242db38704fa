package dev.airlock.examples;

import java.util.Random;

/**
 * Loaded by {@link EverySource} through its own {@code URLClassLoader} (parent: the platform loader),
 * so its clock and random call sites live in a class that the application class loader never sees.
 */
public final class LoadedLater {

    private LoadedLater() {
    }

    /** Returns {@code System.nanoTime()} and {@code new Random().nextInt()}; different on every plain run. */
    public static String sample() {
        return "nanoTime " + System.nanoTime() + ", Random " + new Random().nextInt();
    }
}
