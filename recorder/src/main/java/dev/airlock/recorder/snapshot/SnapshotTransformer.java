package dev.airlock.recorder.snapshot;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Applies the snapshot placements of each targeted class when that class is retransformed, and notes
 * the bytes it was given and gave back, so that removal can prove the class is back to them. Classes
 * being loaded for the first time are never touched: a point targets classes already loaded.
 */
final class SnapshotTransformer implements ClassFileTransformer {

    /** What the last retransformation of one class saw. */
    static final class Seen {
        volatile byte[] input;
        volatile byte[] output;
        volatile Throwable failure;
    }

    private final Map<Class<?>, List<SnapshotInjector.Placement>> placements = new ConcurrentHashMap<>();
    private final Map<Class<?>, Seen> seen = new ConcurrentHashMap<>();

    void place(Class<?> type, SnapshotInjector.Placement placement) {
        placements.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add(placement);
    }

    void unplace(Class<?> type, SnapshotInjector.Placement placement) {
        List<SnapshotInjector.Placement> list = placements.get(type);
        if (list != null) {
            list.remove(placement);
            if (list.isEmpty()) {
                placements.remove(type);
            }
        }
    }

    /** Starts watching {@code type}; returns the record the next retransformation fills. */
    Seen watch(Class<?> type) {
        Seen s = new Seen();
        seen.put(type, s);
        return s;
    }

    void unwatch(Class<?> type) {
        seen.remove(type);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (classBeingRedefined == null) {
            return null;
        }
        Seen s = seen.get(classBeingRedefined);
        List<SnapshotInjector.Placement> list = placements.get(classBeingRedefined);
        byte[] result = null;
        try {
            if (list != null && !list.isEmpty()) {
                result = SnapshotInjector.inject(classfileBuffer, List.copyOf(list));
            }
        } catch (Throwable t) {
            if (s != null) {
                s.failure = t;
            }
            return null;
        }
        if (s != null) {
            s.input = classfileBuffer.clone();
            s.output = result;
        }
        return result;
    }
}
