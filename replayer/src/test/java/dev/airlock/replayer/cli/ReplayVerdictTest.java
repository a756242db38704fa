package dev.airlock.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ReplayVerdictTest {

    private static final Path JOURNAL = Path.of("/j");
    private static final RecordedOutcome RECORDED = new RecordedOutcome(new Fields(), 10, new Fields()
        .put(HeaderKeys.EXIT_CODE, 3)
        .put(HeaderKeys.STDOUT_BYTES, 12).put(HeaderKeys.STDOUT_SHA256, "aaaa")
        .put(HeaderKeys.STDERR_BYTES, 0).put(HeaderKeys.STDERR_SHA256, "bbbb"));

    private static ReplayResult result(String... keysAndValues) {
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return ReplayResult.parse(p);
    }

    private static ReplayResult completed(String stdoutSha) {
        return result("status", "completed", "events.replayed", "10", "events.recorded", "10", "exit.code", "3",
            "stdout.bytes", "12", "stdout.sha256", stdoutSha, "stderr.bytes", "0", "stderr.sha256", "bbbb");
    }

    @Test
    void a_completed_replay_with_the_recorded_exit_code_and_output_matched_and_returns_the_app_exit_code() {
        ReplayVerdict v = ReplayVerdict.judge(completed("aaaa"), RECORDED, 3, JOURNAL);
        assertTrue(v.matched());
        assertEquals(3, v.exitCode());
        assertEquals("airlock: replay matched (10 events, exit code 3)", v.line());
    }

    @Test
    void a_different_exit_code_differs() {
        ReplayVerdict v = ReplayVerdict.judge(completed("aaaa"), RECORDED, 0, JOURNAL);
        assertFalse(v.matched());
        assertEquals(68, v.exitCode());
        assertEquals("airlock: replay finished but differs: exit code 0 (recorded 3)", v.line());
    }

    @Test
    void different_output_differs() {
        ReplayVerdict v = ReplayVerdict.judge(completed("cccccccccccccccccc"), RECORDED, 3, JOURNAL);
        assertEquals(68, v.exitCode());
        assertEquals("airlock: replay finished but differs: stdout has different content (same 12 bytes, "
            + "sha256 cccccccccccc..., recorded aaaa)", v.line());
        assertEquals("stderr has 5 bytes (recorded 0)", ReplayVerdict.streamDifference("stderr", 5L, null, 0L, "x"));
        assertNull(ReplayVerdict.streamDifference("stderr", 5L, null, null, "x"));
    }

    @Test
    void a_divergence_names_event_thread_and_values() {
        ReplayResult r = result("status", "diverged", "events.replayed", "4", "divergence.thread", "main/1",
            "divergence.event_index", "4", "divergence.expected", "clock.nanos at A.b(A.java:3)",
            "divergence.actual", "clock.millis at A.c(A.java:9)", "divergence.message", "call site moved");
        ReplayVerdict v = ReplayVerdict.judge(r, RECORDED, 1, JOURNAL);
        assertEquals(66, v.exitCode());
        assertEquals("airlock: replay DIVERGED at event 4 on thread main/1: expected clock.nanos at A.b(A.java:3), "
            + "got clock.millis at A.c(A.java:9)", v.line());
        assertEquals("diverged", v.status());
    }

    @Test
    void the_end_of_a_cut_short_recording_names_thread_and_count() {
        ReplayResult r = result("status", "end-of-recording", "events.replayed", "7", "end.thread", "main");
        ReplayVerdict v = ReplayVerdict.judge(r, new RecordedOutcome(new Fields(), 7, null), 1, JOURNAL);
        assertEquals(67, v.exitCode());
        assertEquals("airlock: replay reached the end of the recording (cut short) after 7 events on thread main",
            v.line());
    }

    @Test
    void no_result_means_the_replay_jvm_crashed() {
        ReplayVerdict v = ReplayVerdict.judge(null, RECORDED, 134, JOURNAL);
        assertEquals(70, v.exitCode());
        assertEquals("airlock: the replay JVM ended with exit code 134 before reporting (see /j/airlock-replay.log)",
            v.line());
        assertNull(ReplayResult.parse(new Properties()));
    }

    @Test
    void the_report_has_every_key_and_the_divergence() {
        ReplayResult r = result("status", "diverged", "events.replayed", "4", "divergence.thread", "main",
            "divergence.event_index", "4", "divergence.expected", "a \"quoted\" value", "divergence.actual", "b",
            "divergence.message", "m");
        ReplayVerdict v = ReplayVerdict.judge(r, RECORDED, 1, JOURNAL);
        String json = ReplayReport.json(v, r, RECORDED, 1, JOURNAL).replaceAll("\\s+", "");
        assertEquals("{\"matched\":false,\"events_replayed\":4,\"events_recorded\":10,\"exit_code\":1,"
            + "\"recorded_exit_code\":3,"
            + "\"stdout\":{\"bytes\":null,\"sha256\":null,\"recorded_bytes\":12,\"recorded_sha256\":\"aaaa\"},"
            + "\"stderr\":{\"bytes\":null,\"sha256\":null,\"recorded_bytes\":0,\"recorded_sha256\":\"bbbb\"},"
            + "\"status\":\"diverged\",\"journal\":\"/j\","
            + "\"divergence\":{\"thread\":\"main\",\"event_index\":4,\"expected\":\"a\\\"quoted\\\"value\","
            + "\"actual\":\"b\",\"message\":\"m\"}}", json);
    }

    @Test
    void the_report_of_a_timed_out_replay_has_nulls_for_the_replay_side() {
        ReplayVerdict v = ReplayVerdict.timedOut(5, JOURNAL);
        String json = ReplayReport.json(v, null, RECORDED, null, JOURNAL).replaceAll("\\s+", "");
        assertTrue(json.startsWith("{\"matched\":false,\"events_replayed\":null,\"events_recorded\":10,\"exit_code\":null,"),
            json);
        assertTrue(json.contains("\"status\":\"timed-out\""), json);
        assertEquals(70, v.exitCode());
    }
}
