package dev.airlock.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where things live inside a journal directory. */
public final class JournalFiles {

    /** Chronicle Queue files (.cq4) holding every document. */
    public static final String QUEUE_DIR = "queue";
    /** The agent's own log; never the application's streams. */
    public static final String LOG_FILE = "airlock.log";

    private JournalFiles() {
    }

    public static Path queueDir(Path journal) {
        return journal.resolve(QUEUE_DIR);
    }

    /** Creates {@code journal} if missing; refuses one that already holds a recording. */
    public static void prepareNew(Path journal) {
        try {
            Files.createDirectories(journal);
        } catch (IOException | RuntimeException e) {
            throw new JournalException("cannot create journal directory " + journal + ": " + e.getMessage(), e);
        }
        if (hasQueueFiles(journal)) {
            throw new JournalException("journal directory " + journal + " already holds a recording; choose a new one");
        }
        setPermissions(journal, "rwx------");
    }

    /**
     * Makes the journal directory owner-only (0700) and every file in it 0600, where the file system
     * has POSIX permissions. Queue files are created by Chronicle with the process's umask; the
     * directory's mode already keeps others out, this makes the files say so too.
     */
    public static void restrictToOwner(Path journal) {
        setPermissions(journal, "rwx------");
        try (Stream<Path> files = Files.walk(journal)) {
            files.forEach(f -> setPermissions(f, Files.isDirectory(f) ? "rwx------" : "rw-------"));
        } catch (IOException | RuntimeException ignored) {
            // best effort: the directory mode is what protects the files
        }
    }

    private static void setPermissions(Path p, String mode) {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system
        }
    }

    /** True when the directory holds at least one queue file. */
    public static boolean hasQueueFiles(Path journal) {
        Path queue = queueDir(journal);
        if (!Files.isDirectory(queue)) {
            return false;
        }
        try (Stream<Path> files = Files.list(queue)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        } catch (IOException e) {
            return false;
        }
    }
}
