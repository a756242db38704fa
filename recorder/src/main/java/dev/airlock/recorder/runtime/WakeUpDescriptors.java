package dev.airlock.recorder.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Tells a selector's wake-up descriptor (an eventfd on Java 21+, a pipe on Java 17) from a channel's, by
 * what {@code /proc/self/fd} says it is. A selector also reports channels that another thread closed
 * while it waited: those must not count as wake-ups, or a replay would wait for {@code wakeup()} calls
 * that never came. Asked only for descriptors no captured channel owns, which are few.
 */
final class WakeUpDescriptors {

    private static final Path FDS = Path.of("/proc/self/fd");
    private static final boolean KNOWN = Files.isDirectory(FDS);

    private WakeUpDescriptors() {
    }

    /** Whether {@code fd} is (or, where this cannot be told, may be) a wake-up descriptor. */
    static boolean isWakeUp(int fd) {
        if (!KNOWN) {
            return true;
        }
        try {
            String what = Files.readSymbolicLink(FDS.resolve(Integer.toString(fd))).toString();
            return what.startsWith("pipe:") || what.startsWith("anon_inode:[eventfd]");
        } catch (NoSuchFileException e) {
            return false; // closed since the selector reported it
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
