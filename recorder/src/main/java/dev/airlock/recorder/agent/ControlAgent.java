package dev.airlock.recorder.agent;

import java.util.Properties;

/**
 * Answers {@code airlock ctl PID status|stop} (arriving through {@link AttachAgent}): acts on this JVM's
 * recording and describes it.
 */
public final class ControlAgent {

    private ControlAgent() {
    }

    static Properties answer(String command) {
        Properties p = new Properties();
        RecordingSession session = RecordingSession.current();
        if (session == null) {
            p.setProperty("error", "this JVM runs no Airlock recording");
            return p;
        }
        if ("stop".equals(command)) {
            AgentLog.info("airlock ctl stop received");
            session.stop("stopped by airlock ctl");
        } else if (!"status".equals(command)) {
            p.setProperty("error", "unknown ctl command '" + command + "' (status, stop)");
            return p;
        }
        long uptime = Math.max(1, System.currentTimeMillis() - session.startMillis());
        long events = session.journal().eventsWritten();
        p.setProperty("journal", session.dir().toString());
        p.setProperty("state", session.closed() ? "stopped" : "recording");
        if (session.stopReason() != null) {
            p.setProperty("stopped", session.stopReason());
        }
        p.setProperty("events", Long.toString(events));
        p.setProperty("bytes", Long.toString(session.journal().bytesWritten()));
        p.setProperty("documents", Long.toString(session.journal().documentsWritten()));
        p.setProperty("uptime.ms", Long.toString(uptime));
        p.setProperty("rate.events_per_s", Long.toString(events * 1000 / uptime));
        Audit.record(session.dir(), "ctl." + command, new dev.airlock.format.Fields().put("state", p.getProperty("state"))
            .put("events", events));
        return p;
    }
}
