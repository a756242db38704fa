package dev.airlock.replayer.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code airlock replay --report FILE} document: one JSON object for CI jobs and tools. Written by
 * {@link ReplayCommand} after every replay whose JVM ran, whatever the outcome. Unknown values are
 * {@code null}.
 *
 * <pre>
 * {"matched": bool, "events_replayed": n, "events_recorded": n, "exit_code": n, "recorded_exit_code": n,
 *  "stdout": {"bytes": n, "sha256": s, "recorded_bytes": n, "recorded_sha256": s}, "stderr": {...},
 *  "status": "completed|diverged|end-of-recording|crashed|timed-out", "journal": path,
 *  "integrity": "intact (...)|tampered: ...|truncated: ...", "forced": bool,
 *  "divergence": {"thread", "event_index", "expected", "actual", "message"}   (when diverged)
 *  "end_of_recording": {"thread", "message"}                                  (at the end of a cut-short recording)}
 * </pre>
 */
final class ReplayReport {

    private ReplayReport() {
    }

    /**
     * @param result what the agent reported, or null
     * @param exitCode the replay JVM's exit code, or null when it was stopped
     */
    static String json(ReplayVerdict verdict, ReplayResult result, RecordedOutcome recorded, Integer exitCode,
                       Path journal) {
        return json(verdict, result, recorded, exitCode, journal, null, false);
    }

    /**
     * @param integrity what {@code airlock verify} would say of the journal, or null to leave it (and
     *     {@code forced}) out
     * @param forced true when {@code --force} replayed a journal that failed verification
     */
    static String json(ReplayVerdict verdict, ReplayResult result, RecordedOutcome recorded, Integer exitCode,
                       Path journal, String integrity, boolean forced) {
        JsonWriter w = new JsonWriter(true).beginObject();
        w.name("matched").value(verdict.matched());
        w.name("events_replayed").value(result == null ? null : result.eventsReplayed());
        w.name("events_recorded").value(recorded.events());
        w.name("exit_code").value(exitCode == null ? null : Long.valueOf(exitCode));
        w.name("recorded_exit_code").value(recorded.exitCode());
        for (String stream : new String[] {"stdout", "stderr"}) {
            w.name(stream).beginObject()
                .name("bytes").value(result == null ? null : result.bytes(stream))
                .name("sha256").value(result == null ? null : result.sha256(stream))
                .name("recorded_bytes").value(recorded.bytes(stream))
                .name("recorded_sha256").value(recorded.sha256(stream))
                .endObject();
        }
        w.name("status").value(verdict.status());
        w.name("journal").value(journal.toString());
        if (integrity != null) {
            w.name("integrity").value(integrity);
            w.name("forced").value(forced);
        }
        if (result != null && ReplayResult.DIVERGED.equals(verdict.status())) {
            w.name("divergence").beginObject()
                .name("thread").value(result.divergence("thread"))
                .name("event_index");
            eventIndex(w, result.divergence("event_index"));
            w.name("expected").value(result.divergence("expected"))
                .name("actual").value(result.divergence("actual"))
                .name("message").value(result.divergence("message"))
                .endObject();
        }
        if (result != null && ReplayResult.END_OF_RECORDING.equals(verdict.status())) {
            w.name("end_of_recording").beginObject()
                .name("thread").value(result.end("thread"))
                .name("message").value(result.end("message"))
                .endObject();
        }
        return w.endObject().toString();
    }

    static void write(Path file, String json) throws IOException {
        Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
    }

    /** A number when the agent wrote one, else the text as written (or null). */
    private static void eventIndex(JsonWriter w, String value) {
        try {
            w.value(value == null ? null : Long.valueOf(value.trim()));
        } catch (NumberFormatException e) {
            w.value(value);
        }
    }
}
