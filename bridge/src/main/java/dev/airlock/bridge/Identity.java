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
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
    /** Classes loaded before {@link #install}: they keep the JVM's hash. */
    private static volatile EarlyClasses early = EarlyClasses.NONE;
    /**
     * A class's hash as application code sees it: from its name when an application's class loader
     * loaded it after the hasher was installed (so the same in every run), else the JVM's. Classes are
     * common keys of an application's own hash tables (registries by type), whose probing would
     * otherwise differ from run to run.
     */
    private static final ClassValue<Integer> CLASS_HASHES = new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> c) {
            return classHash(c);
        }
    };
    /** Whether a class overrides {@code hashCode}. Keyed by classes, whose own hashes are the JVM's. */
    private static final ConcurrentHashMap<Class<?>, Boolean> OVERRIDES = new ConcurrentHashMap<>();

    private Identity() {
    }

    /**
     * @param loaded the classes loaded now: they keep the JVM's hash, since the JDK may already hold
     *     them in its tables (the JDK's own keep it anyway; see {@link #classHash})
     */
    public static void install(Hasher h, Class<?>[] loaded) {
        int n = 0;
        Class<?>[] kept = new Class<?>[loaded.length];
        for (Class<?> c : loaded) {
            if (!isJdkClass(c)) {
                kept[n++] = c;
            }
        }
        early = new EarlyClasses(java.util.Arrays.copyOf(kept, n));
        hasher = h;
    }

    /** Replaces {@code o.hashCode()}: virtual as before, unless the answer would be the identity hash. */
    public static int hashCode(Object o) {
        Hasher h = hasher;
        if (h == null) {
            return o.hashCode();
        }
        if (o instanceof Class) {
            return CLASS_HASHES.get((Class<?>) o);
        }
        return overrides(o.getClass()) ? o.hashCode() : h.identityHash(o);
    }

    /** Replaces {@code System.identityHashCode(o)} and {@code super.hashCode()} that reaches Object's. */
    public static int identityHashCode(Object o) {
        Hasher h = hasher;
        if (o == null) {
            return 0;
        }
        if (h == null) {
            return System.identityHashCode(o);
        }
        if (o instanceof Class) {
            return CLASS_HASHES.get((Class<?>) o);
        }
        return h.identityHash(o);
    }

    /**
     * The JVM's hash for the JDK's classes (the boot and platform loaders'), hidden classes (their names
     * carry a number drawn at run time) and classes loaded before the hasher; else one made from the
     * name. The JDK's classes keep theirs even when loaded later: the recording's and the replay's agent
     * load different ones of them early, so a name hash would be given to a class in one run and not in
     * the other.
     */
    static int classHash(Class<?> c) {
        if (isJdkClass(c) || c.isHidden() || c.getName().indexOf('/') >= 0 || early.contains(c)) {
            return System.identityHashCode(c);
        }
        long z = c.getName().hashCode() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        int h = (int) (z ^ (z >>> 31)) & 0x7FFFFFFF; // non-negative and not 0, as the JVM's are
        return h == 0 ? 1 : h;
    }

    /** Whether the boot or the platform loader defined {@code c}: such classes keep the JVM's hash. */
    private static boolean isJdkClass(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        return loader == null || loader == PLATFORM;
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
