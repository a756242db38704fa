package dev.airlock.bridge;

import java.lang.invoke.MethodHandle;

/**
 * The runtime behind {@link Order}, in the {@code threads=ordered} mode: threads run in parallel, and
 * the order in which they take each monitor and lock, and apply each atomic update, is recorded per
 * object and enforced on replay.
 */
public interface Orderer {

    /** Just before application code enters {@code monitor}'s monitor: on replay, waits for its turn on it. */
    void beforeMonitor(Object monitor);

    /** Just after the monitor was entered: records (or checks and passes) this turn on it. */
    void afterMonitor(Object monitor);

    /** {@code monitor.wait(millis, nanos)}, whose return takes the monitor again: a turn on it. */
    void await(Object monitor, long millis, int nanos) throws InterruptedException;

    /**
     * The method handle an ordered call site runs instead of {@code target} (a lock method, an atomic
     * update), with the same type. {@code kind} is one of {@link Order}'s call kinds.
     */
    MethodHandle bracket(int kind, String name, MethodHandle target);

    /**
     * The method handle a volatile field's access runs instead of {@code access}: a turn on the
     * receiver, or on {@code staticOwner} for a static field (null for an instance field).
     */
    MethodHandle bracketField(MethodHandle access, Class<?> staticOwner);

    /** Leaves monitors, waits and calls what they are: when no orderer is installed. */
    Orderer NONE = new Orderer() {
        @Override
        public void beforeMonitor(Object monitor) {
        }

        @Override
        public void afterMonitor(Object monitor) {
        }

        @Override
        public void await(Object monitor, long millis, int nanos) throws InterruptedException {
            monitor.wait(millis, nanos);
        }

        @Override
        public MethodHandle bracket(int kind, String name, MethodHandle target) {
            return target;
        }

        @Override
        public MethodHandle bracketField(MethodHandle access, Class<?> staticOwner) {
            return access;
        }
    };
}
