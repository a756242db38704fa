package dev.airlock.recorder.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The agent jars' {@code Agent-Class}: what the CLI loads into a running JVM on this machine through the
 * JDK Attach API (same OS user, a local socket, no network port). {@code ctl=status|stop} goes to
 * {@link ControlAgent}, {@code snapshot=REQUEST-FILE} to {@link SnapshotAttach}; the answer is written
 * to {@code reply=FILE}. Never throws into the attach mechanism: failures become an {@code error} reply.
 */
public final class AttachAgent {

    private AttachAgent() {
    }

    public static void agentmain(String args, Instrumentation inst) {
        String ctl = null;
        String snapshot = null;
        Path reply = null;
        for (String part : args == null ? new String[0] : args.split(",")) {
            if (part.startsWith("ctl=")) {
                ctl = part.substring(4);
            } else if (part.startsWith("snapshot=")) {
                snapshot = part.substring(9);
            } else if (part.startsWith("reply=")) {
                reply = Path.of(part.substring(6));
            }
        }
        String answer;
        Thread self = Thread.currentThread();
        ClassLoader previous = self.getContextClassLoader();
        // The attach thread has no context loader on newer JDKs; Chronicle looks classes up through it,
        // and threads started from here (the journal writer) inherit it.
        self.setContextClassLoader(AttachAgent.class.getClassLoader());
        try {
            if (snapshot != null) {
                answer = SnapshotAttach.handle(Path.of(snapshot), inst);
            } else {
                answer = store(ControlAgent.answer(ctl));
            }
        } catch (Throwable t) {
            AgentLog.error("attach request '" + args + "' failed", t);
            Properties p = new Properties();
            p.setProperty("error", "the agent failed: " + t);
            answer = store(p);
        } finally {
            self.setContextClassLoader(previous);
        }
        if (reply != null) {
            try (OutputStream out = Files.newOutputStream(reply)) {
                out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                AgentLog.error("cannot write the attach reply " + reply, e);
            }
        }
    }

    private static String store(Properties p) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            return "error=cannot encode the reply\n";
        }
        return w.toString();
    }
}
