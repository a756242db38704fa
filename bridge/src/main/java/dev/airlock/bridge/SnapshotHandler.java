package dev.airlock.bridge;

/**
 * What the snapshot agent plugs into {@link SnapshotHooks}. Lives on the bootstrap path, so its
 * signatures use JDK types only.
 */
public interface SnapshotHandler {

    /**
     * A snapshot point's line is running: {@code self} is {@code this} (null in static methods and
     * constructors), {@code values} the point's live arguments and locals, boxed, in the order the
     * injection recorded. Must never throw.
     */
    void hit(int point, Object self, Object[] values);

    /**
     * A request from a later attach ({@code snapshot PID ...} or {@code --clear}), handed to the handler
     * that is already installed so that all points of a JVM live in one place. Returns the reply as
     * {@code key=value} lines.
     */
    String control(String request, Object instrumentation);
}
