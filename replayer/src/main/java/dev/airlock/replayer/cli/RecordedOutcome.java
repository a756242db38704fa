package dev.airlock.replayer.cli;

import dev.airlock.format.DocType;
import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalDocument;
import dev.airlock.format.JournalReader;
import java.nio.file.Path;

/**
 * The recorded side of a replay's comparison, read from the journal before the replay starts
 * ({@link ReplayCommand}): the header, the number of recorded events, and the END document's exit
 * code and output digests. Reading the whole journal also checks its digest chain, so a damaged or
 * altered journal is refused before a JVM is started. Blocks are counted, not decoded.
 */
final class RecordedOutcome {

    private final Fields header;
    private final long events;
    private final Fields end;

    RecordedOutcome(Fields header, long events, Fields end) {
        this.header = header;
        this.events = events;
        this.end = end;
    }

    /** Reads the journal in {@code dir}; a {@code JournalException} when it is missing, empty or damaged. */
    static RecordedOutcome read(Path dir) {
        try (JournalReader reader = JournalReader.open(dir)) {
            Fields header = reader.readHeader();
            long events = 0;
            Fields end = null;
            JournalDocument doc;
            while ((doc = reader.next()) != null) {
                if (doc.type() == DocType.BLOCK) {
                    events += doc.blockCount();
                } else if (doc.type() == DocType.END) {
                    end = doc.fields();
                }
            }
            return new RecordedOutcome(header, events, end);
        }
    }

    Fields header() {
        return header;
    }

    /** Events in all blocks. */
    long events() {
        return events;
    }

    /** False when the recording was cut short (no END document). */
    boolean ended() {
        return end != null;
    }

    /** The recorded exit code, or null when unknown. */
    Long exitCode() {
        return end == null ? null : number(end.get(HeaderKeys.EXIT_CODE));
    }

    /** {@code stream} is {@code stdout} or {@code stderr}. */
    Long bytes(String stream) {
        return end == null ? null : number(end.get(stream + ".bytes"));
    }

    String sha256(String stream) {
        return end == null ? null : end.get(stream + ".sha256");
    }

    private static Long number(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
