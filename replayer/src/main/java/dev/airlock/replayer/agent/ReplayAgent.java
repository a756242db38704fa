package dev.airlock.replayer.agent;

import dev.airlock.format.DocumentCipher;
import dev.airlock.format.JournalException;
import dev.airlock.format.JournalKeys;
import dev.airlock.recorder.agent.AgentLog;
import dev.airlock.recorder.agent.AgentOptions;
import dev.airlock.recorder.agent.BridgeInstaller;
import dev.airlock.recorder.agent.ModuleOpener;
import dev.airlock.recorder.agent.StartupFailure;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Entry point of the replayed JVM ({@code -javaagent:airlock.jar=replay=DIR,result=FILE}), started by
 * {@code airlock replay}. Like the recorder's it only parses options, installs the bridge and hands off
 * to {@link ReplaySession}; it must not name bridge types itself.
 */
public final class ReplayAgent {

    static {
        AgentOptions.allow("replay", "journal directory to replay (required)");
        AgentOptions.allow("result", "file the replay outcome is written to");
        AgentOptions.allow("decrypt", "AES key file of an encrypted journal");
        AgentOptions.allow("stop-at-exit", "stop for the debugger when the program calls System.exit");
        AgentOptions.allow("progress", "file the count of replayed events is written to, for the CLI's progress line");
        AgentOptions.allow("stop-at-event", "stop for the debugger when the program asks for this recorded event");
        AgentOptions.allow("sandbox", "folder the files the replayed program writes go to (default: none are written)");
    }

    private ReplayAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        try {
            AgentOptions options = AgentOptions.parse(args, "replay");
            Path dir = Paths.get(options.get("replay")).toAbsolutePath().normalize();
            Path result = options.get("result") == null ? null : Paths.get(options.get("result")).toAbsolutePath();
            Path logDir = Files.isWritable(dir) ? dir : (result != null ? result.getParent() : Files.createTempDirectory("airlock"));
            AgentLog.open(logDir.resolve("airlock-replay.log"));
            AgentLog.info("replaying " + dir);
            ModuleOpener.openFor(inst, ReplayAgent.class.getModule());
            if (options.get("decrypt") != null) {
                JournalKeys.use(DocumentCipher.fromKeyFile(Paths.get(options.get("decrypt"))));
            }
            AgentLog.info("bridge: " + BridgeInstaller.install(inst, logDir));
            if (options.get("progress") != null) {
                ReplayProgress.writeTo(Paths.get(options.get("progress")));
            }
            if (options.get("stop-at-event") != null) {
                ReplayStopPoint.armAtEvent(Long.parseLong(options.get("stop-at-event")));
            }
            if (options.get("sandbox") != null) {
                ReplaySandbox.use(Paths.get(options.get("sandbox")));
                AgentLog.info("files the program writes go under " + options.get("sandbox"));
            }
            if ("true".equals(options.get("stop-at-exit"))) {
                ReplayStopPoint.armAtExit();
            }
            ReplaySession.start(dir, result, inst);
        } catch (IllegalArgumentException | JournalException e) {
            StartupFailure.halt(e.getMessage(), 65, e);
        } catch (Throwable t) {
            StartupFailure.halt("cannot start the replay: " + t, StartupFailure.INTERNAL, t);
        }
    }
}
