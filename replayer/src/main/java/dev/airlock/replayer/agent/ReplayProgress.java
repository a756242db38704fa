package dev.airlock.replayer.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.LongSupplier;

/**
 * Tells {@code airlock replay} how far the replay got, for its progress line on a terminal: a daemon
 * thread writes the count of replayed events to a file four times a second (write, then rename, so
 * the CLI never reads half a number). Off unless the CLI asks ({@code progress=FILE}).
 */
final class ReplayProgress {

    private static volatile Path file;

    private ReplayProgress() {
    }

    static void writeTo(Path target) {
        file = target;
    }

    static void start(LongSupplier replayed) {
        Path target = file;
        if (target == null) {
            return;
        }
        Thread t = new Thread(() -> {
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            while (true) {
                try {
                    Files.writeString(partial, Long.toString(replayed.getAsLong()), StandardCharsets.US_ASCII);
                    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Thread.sleep(250);
                } catch (IOException e) {
                    return; // the CLI went away; progress is only a courtesy
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "airlock-replay-progress");
        t.setDaemon(true);
        t.start();
    }
}
