package dev.airlock.replayer.cli;

import dev.airlock.format.DocType;
import dev.airlock.format.Fields;
import dev.airlock.format.JournalDocument;
import dev.airlock.format.JournalException;
import dev.airlock.format.JournalFiles;
import dev.airlock.format.JournalReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the snapshot journals in an output folder of {@code airlock snapshot} (one journal per point,
 * in a folder of its own), or one such journal. Each is read through the digest chain like any journal,
 * so an altered snapshot is reported, not shown.
 */
final class SnapshotJournals {

    /** One point's journal: its header, its snapshots in the order taken, and the end (null while active). */
    record Point(Path dir, Fields header, List<Fields> snapshots, Fields end) {
    }

    private SnapshotJournals() {
    }

    static List<Point> read(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new JournalException("no snapshots at " + folder + ": " + (Files.exists(folder) ? "not a directory"
                : "the directory does not exist"));
        }
        List<Path> journals = new ArrayList<>();
        if (JournalFiles.hasQueueFiles(folder)) {
            journals.add(folder);
        } else {
            try (Stream<Path> children = Files.list(folder)) {
                children.filter(p -> Files.isDirectory(p) && JournalFiles.hasQueueFiles(p)).sorted().forEach(journals::add);
            }
        }
        List<Point> points = new ArrayList<>();
        for (Path dir : journals) {
            points.add(readOne(dir));
        }
        points.sort((a, b) -> Long.compare(a.header().getLong("start.millis", 0), b.header().getLong("start.millis", 0)));
        return points;
    }

    private static Point readOne(Path dir) {
        try (JournalReader reader = JournalReader.open(dir)) {
            Fields header = reader.readHeader();
            if (!"snapshots".equals(header.get("journal.kind"))) {
                throw new JournalException(dir + " holds a recording, not snapshots");
            }
            List<Fields> snapshots = new ArrayList<>();
            Fields end = null;
            for (JournalDocument d = reader.next(); d != null; d = reader.next()) {
                if (d.type() == DocType.NOTE) {
                    Fields f = d.fields();
                    if (f.get("snapshot") != null) {
                        snapshots.add(f);
                    }
                } else if (d.type() == DocType.END) {
                    end = d.fields();
                }
            }
            // Threads racing through the line may hand their snapshots to the journal out of hit order.
            snapshots.sort((a, b) -> Long.compare(a.getLong("hit", 0), b.getLong("hit", 0)));
            return new Point(dir, header, snapshots, end);
        }
    }
}
