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
