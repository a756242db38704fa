package dev.airlock.recorder.agent;

import dev.airlock.format.AuditTrail;
import dev.airlock.format.Fields;
import java.nio.file.Path;

/** Appends the recorder's entries to the journal's audit trail; a failure is logged, never thrown. */
final class Audit {

    private Audit() {
    }

    static void record(Path dir, String event, Fields details) {
        try {
            AuditTrail.append(dir, event, details);
        } catch (Exception | LinkageError e) {
            AgentLog.error("cannot write the audit trail entry " + event, e);
        }
    }
}
