package dev.airlock.replayer.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The result file the replayed JVM leaves for the {@code airlock replay} command: a properties file with
 * {@code status} (completed, diverged, end-of-recording), counts, output digests and, when replay stopped
 * early, where. Written once; the first outcome wins.
 */
final class ReplayOutcome {

    private final Path file;
    private boolean written;

    ReplayOutcome(Path file) {
        this.file = file;
    }

    synchronized boolean write(Properties result) {
        if (written || file == null) {
            return false;
        }
        written = true;
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                result.store(out, "airlock replay result");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            dev.airlock.recorder.agent.AgentLog.error("cannot write the replay result " + file, e);
        }
        return true;
    }
}
