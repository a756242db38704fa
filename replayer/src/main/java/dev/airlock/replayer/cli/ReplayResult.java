package dev.airlock.replayer.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the replay agent inside the replay JVM reported, read from its result file (a
 * {@link Properties} file, in UTF-8 or in ASCII with backslash-u escapes). {@link ReplayCommand} reads it
 * after the child ends; {@link ReplayVerdict} and {@link ReplayReport} use it.
 *
 * <p>Keys: {@code status} ({@value #COMPLETED}, {@value #DIVERGED}, {@value #END_OF_RECORDING}),
 * {@code events.replayed}, {@code events.recorded}, {@code exit.code}, {@code stdout.bytes},
 * {@code stdout.sha256}, {@code stderr.bytes}, {@code stderr.sha256}; after a divergence
 * {@code divergence.thread}, {@code divergence.event_index}, {@code divergence.expected},
 * {@code divergence.actual}, {@code divergence.message}; at the end of a cut-short recording
 * {@code end.thread}, {@code end.message}.
 */
final class ReplayResult {

    static final String COMPLETED = "completed";
    static final String DIVERGED = "diverged";
    static final String END_OF_RECORDING = "end-of-recording";

    private final Properties p;

    private ReplayResult(Properties p) {
        this.p = p;
    }

    /** The result in {@code file}, or null when the agent wrote none (missing, empty, or without a status). */
    static ReplayResult read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            return null;
        }
        return parse(p);
    }

    /** Null when {@code p} has no status. */
    static ReplayResult parse(Properties p) {
        String status = p.getProperty("status");
        return status == null || status.isBlank() ? null : new ReplayResult(p);
    }

    String status() {
        return p.getProperty("status").trim();
    }

    Long eventsReplayed() {
        return number("events.replayed");
    }

    Long eventsRecorded() {
        return number("events.recorded");
    }

    Long exitCode() {
        return number("exit.code");
    }

    /** {@code stream} is {@code stdout} or {@code stderr}. */
    Long bytes(String stream) {
        return number(stream + ".bytes");
    }

    String sha256(String stream) {
        return text(stream + ".sha256");
    }

    String divergence(String field) {
        return text("divergence." + field);
    }

    String end(String field) {
        return text("end." + field);
    }

    private String text(String key) {
        return p.getProperty(key);
    }

    private Long number(String key) {
        String v = p.getProperty(key);
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
