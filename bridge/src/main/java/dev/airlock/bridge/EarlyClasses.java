package dev.airlock.bridge;

import java.util.Arrays;

/**
 * The classes that were loaded when the identity hasher was installed, as a set by identity. The JDK may
 * already have put them in its hash tables with the JVM's hash, so they keep it (see
 * {@link Identity#classHash}). Built on the JVM's identity hashes, sorted, and searched without hashing
 * anything through {@link Identity}: the rewritten {@code HashMap} would ask for a class's hash again.
 */
final class EarlyClasses {

    static final EarlyClasses NONE = new EarlyClasses(new Class<?>[0]);

    private final int[] hashes;
    private final Class<?>[] classes;

    EarlyClasses(Class<?>[] loaded) {
        int n = loaded.length;
        long[] keyed = new long[n];
        for (int i = 0; i < n; i++) {
            // the hash in the high half, the index in the low one: sorted by hash, each finds its class
            keyed[i] = (long) System.identityHashCode(loaded[i]) << 32 | i;
        }
        Arrays.sort(keyed);
        hashes = new int[n];
        classes = new Class<?>[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = (int) (keyed[i] >> 32);
            classes[i] = loaded[(int) keyed[i]];
        }
    }

    boolean contains(Class<?> c) {
        int h = System.identityHashCode(c);
        int i = Arrays.binarySearch(hashes, h);
        if (i < 0) {
            return false;
        }
        while (i > 0 && hashes[i - 1] == h) {
            i--;
        }
        for (; i < hashes.length && hashes[i] == h; i++) {
            if (classes[i] == c) {
                return true;
            }
        }
        return false;
    }
}
