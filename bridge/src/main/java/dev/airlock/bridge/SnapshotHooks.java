package dev.airlock.bridge;

/**
 * The static method a snapshot point calls. Injected code links against it from any class loader,
 * which is why it lives on the bootstrap path next to {@link Hooks}. With no handler a hit does
 * nothing.
 */
public final class SnapshotHooks {

    private static volatile SnapshotHandler handler;

    private SnapshotHooks() {
    }

    /** Installs the handler unless one is there already; returns the one in place. */
    public static synchronized SnapshotHandler installIfAbsent(SnapshotHandler candidate) {
        if (handler == null) {
            handler = candidate;
        }
        return handler;
    }

    public static SnapshotHandler installed() {
        return handler;
    }

    public static void hit(int point, Object self, Object[] values) {
        SnapshotHandler h = handler;
        if (h != null) {
            h.hit(point, self, values);
        }
    }
}
