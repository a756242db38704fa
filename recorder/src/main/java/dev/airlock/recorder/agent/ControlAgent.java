package dev.airlock.recorder.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

/**
 * Answers {@code airlock ctl PID status|stop}: the CLI loads this agent into a recording JVM through the
 * JDK Attach API (same OS user, a local socket, no network port) with {@code ctl=status|stop,reply=FILE};
 * it acts on that JVM's recording and writes its answer to the reply file.
 */
public final class ControlAgent {

    private ControlAgent() {
    }

    public static void agentmain(String args, Instrumentation inst) {
        String command = null;
        Path reply = null;
        for (String part : args == null ? new String[0] : args.split(",")) {
            if (part.startsWith("ctl=")) {
                command = part.substring(4);
            } else if (part.startsWith("reply=")) {
                reply = Paths.get(part.substring(6));
            }
        }
        Properties answer = new Properties();
        try {
            answer = answer(command);
        } catch (Throwable t) {
            answer.setProperty("error", "the agent failed: " + t);
            AgentLog.error("airlock ctl " + command + " failed", t);
        }
        if (reply != null) {
            try (OutputStream out = Files.newOutputStream(reply)) {
                answer.store(out, "airlock ctl " + command);
            } catch (IOException e) {
                AgentLog.error("cannot write the ctl reply " + reply, e);
            }
        }
    }

    private static Properties answer(String command) {
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
