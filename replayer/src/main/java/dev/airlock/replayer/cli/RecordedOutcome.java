package dev.airlock.replayer.cli;

import dev.airlock.format.CorruptJournalException;
import dev.airlock.format.DocType;
import dev.airlock.format.TamperedJournalException;
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
    private final String damage;

    RecordedOutcome(Fields header, long events, Fields end) {
        this(header, events, end, null);
    }

    RecordedOutcome(Fields header, long events, Fields end, String damage) {
        this.header = header;
        this.events = events;
        this.end = end;
        this.damage = damage;
    }

    /**
     * Reads the journal in {@code dir}; a {@code JournalException} when it is missing, empty, or altered
     * (a document fails the digest chain). A journal that is cut short (its tail cannot be read) is
     * read up to the cut: replay runs up to there and reports the end of the recording.
     */
    static RecordedOutcome read(Path dir) {
        try (JournalReader reader = JournalReader.open(dir)) {
            Fields header = reader.readHeader();
            long events = 0;
            Fields end = null;
            java.util.List<String> mainArgs = null;
            Fields classpath = null;
            JournalDocument doc;
            try {
                while ((doc = reader.next()) != null) {
                    if (doc.type() == DocType.BLOCK) {
                        events += doc.blockCount();
                    } else if (doc.type() == DocType.END) {
                        end = doc.fields();
                    } else if (doc.type() == DocType.NOTE) {
                        Fields note = doc.fields();
                        if (note.get(HeaderKeys.MAIN_ARG + "count") != null) {
                            mainArgs = note.list(HeaderKeys.MAIN_ARG);
                        }
                        if (note.get(HeaderKeys.CLASSPATH_ENTRY + "0.path") != null) {
                            classpath = note;
                        }
                    }
                }
            } catch (TamperedJournalException e) {
                throw e;
            } catch (CorruptJournalException e) {
                return new RecordedOutcome(header, events, null, e.getMessage()).withMainArgs(mainArgs)
                    .withClasspath(classpath);
            }
            return new RecordedOutcome(header, events, end).withMainArgs(mainArgs).withClasspath(classpath);
        }
    }

    private java.util.List<String> mainArgs;
    private Fields classpath;

    private RecordedOutcome withClasspath(Fields note) {
        this.classpath = note;
        return this;
    }

    /** The classpath digests the recorder noted ({@code classpath.N.path/sha256/bytes/error}), or null. */
    Fields classpath() {
        return classpath;
    }

    private RecordedOutcome withMainArgs(java.util.List<String> args) {
        this.mainArgs = args;
        return this;
    }

    /** The exact arguments {@code main} received (taken on entry to it), or null when not recorded. */
    java.util.List<String> mainArgs() {
        return mainArgs;
    }

    /** Why the journal could not be read to its end, or null. */
    String damage() {
        return damage;
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
