package dev.airlock.recorder.snapshot;

import dev.airlock.bridge.SnapshotHandler;
import dev.airlock.bridge.SnapshotHooks;
import java.lang.instrument.Instrumentation;

/**
 * Hands a snapshot request to this JVM's handler, creating it on first use. The handler lives on the
 * bootstrap path, so a later attach (another copy of the agent jar, say) finds the same points. Only
 * loaded once the bridge is installed: it names bridge types.
 */
public final class SnapshotControl {

    private SnapshotControl() {
    }

    public static String handle(String request, Instrumentation inst) {
        SnapshotHandler handler = SnapshotHooks.installed();
        if (handler == null) {
            handler = SnapshotHooks.installIfAbsent(new SnapshotRegistry(inst));
        }
        return handler.control(request, inst);
    }
}
