package dev.airlock.recorder.agent;

import dev.airlock.format.JournalException;
import dev.airlock.format.JournalFiles;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/**
 * The recorder's entry point ({@code -javaagent:airlock-recorder.jar=journal=DIR}). Parses options, puts
 * the bridge on the bootstrap path and hands off to {@link RecordingSession}. It never throws: a failure
 * ends the JVM with one line on stderr before the application starts. It must not name any bridge type,
 * since those only resolve once the bridge is on the bootstrap path.
 */
public final class RecorderAgent {

    private RecorderAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        try {
            AgentOptions options = AgentOptions.parse(args, "journal");
            Path dir = options.journal();
            JournalProtection protection = JournalProtection.from(options);
            JournalFiles.prepareNew(dir);
            AgentLog.open(dir.resolve(JournalFiles.LOG_FILE));
            AgentLog.info("recording into " + dir + " with options '" + options.raw() + "'");
            ModuleOpener.openFor(inst, RecorderAgent.class.getModule());
            AgentLog.info("bridge: " + BridgeInstaller.install(inst, dir));
            RecordingSession.start(options, dir, inst, protection);
        } catch (IllegalArgumentException | JournalException e) {
            StartupFailure.halt(e.getMessage(), StartupFailure.USAGE, e);
        } catch (Throwable t) {
            StartupFailure.halt("cannot start recording: " + t, StartupFailure.INTERNAL, t);
        }
    }
}
