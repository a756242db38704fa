package dev.airlock.bridge;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Identity hash codes as application code and the JDK's hashing collections see them, in the
 * {@code threads=serial} mode: calls of {@code hashCode()} and {@code System.identityHashCode} are
 * rewritten to come here. An object whose class keeps {@code Object.hashCode} gets its hash from the
 * installed {@link Hasher}, which hands out the same values on replay; any other object answers itself.
 */
public final class Identity {

    /** Gives an object its identity hash, the same on every replay. */
    public interface Hasher {
        int identityHash(Object o);
    }

    private static volatile Hasher hasher;
    /** Whether a class overrides {@code hashCode}. Keyed by classes, whose own hashes are the JVM's. */
    private static final ConcurrentHashMap<Class<?>, Boolean> OVERRIDES = new ConcurrentHashMap<>();

    private Identity() {
    }

    public static void install(Hasher h) {
        hasher = h;
    }

    /** Replaces {@code o.hashCode()}: virtual as before, unless the answer would be the identity hash. */
    public static int hashCode(Object o) {
        Hasher h = hasher;
        if (h == null || o instanceof Class || overrides(o.getClass())) {
            return o.hashCode();
        }
        return h.identityHash(o);
    }

    /** Replaces {@code System.identityHashCode(o)} and {@code super.hashCode()} that reaches Object's. */
    public static int identityHashCode(Object o) {
        Hasher h = hasher;
        if (o == null) {
            return 0;
        }
        if (h == null || o instanceof Class) {
            return System.identityHashCode(o);
        }
        return h.identityHash(o);
    }

    private static boolean overrides(Class<?> c) {
        if (c == Object.class || c.isArray()) {
            return false;
        }
        if (c.getClassLoader() == null) {
            // The JDK's own classes answer themselves: finding out by reflection hashes JDK keys in turn,
            // and those of its classes that keep Object.hashCode are seldom an application's keys.
            return true;
        }
        Boolean known = OVERRIDES.get(c);
        if (known == null) {
            boolean own;
            try {
                own = c.getMethod("hashCode").getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException | SecurityException e) {
                own = true;
            }
            known = own;
            OVERRIDES.putIfAbsent(c, known);
        }
        return known;
    }
}
