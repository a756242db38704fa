package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal cut short (a killed recorder, a partial copy) replays up to the cut and says so. */
class TruncatedJournalIT {

    @TempDir
    Path tmp;

    @Test
    void a_journal_cut_short_replays_up_to_the_cut_and_reports_the_end() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.LongRunner", "400000");
        assertEquals(0, recorded.exitCode, recorded.toString());

        Path segment;
        try (Stream<Path> files = Files.list(journal.resolve("queue"))) {
            segment = files.filter(f -> f.toString().endsWith(".cq4") && !f.toString().endsWith("metadata.cq4t"))
                .findFirst().orElseThrow();
        }
        long written = lastNonZeroByte(segment);
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            f.setLength(written * 6 / 10);
        }

        Path report = tmp.resolve("report.json");
        Proc replayed = Airlock.replay(jdk, journal, report);
        assertEquals(67, replayed.exitCode, replayed.toString());
        String json = Airlock.read(report);
        assertTrue(json.contains("\"matched\": false"), json);
        assertTrue(json.contains("\"end_of_recording\""), json);
        assertTrue(json.matches("(?s).*\"events_replayed\": [1-9]\\d{4,}.*"), "replayed up to the cut\n" + json);
        assertTrue(replayed.err().contains("end of the recording"), replayed.err());
        String recordedOut = recorded.out();
        String replayedOut = replayed.out();
        assertTrue(recordedOut.startsWith(replayedOut), "replayed output is a prefix of the recorded output");
    }

    @Test
    void a_recording_killed_with_sigkill_replays_up_to_the_kill_and_reports_the_end() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Path out = tmp.resolve("recorded.out");
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(jdk.java()));
        cmd.addAll(jdk.baseFlags());
        cmd.addAll(java.util.List.of("-javaagent:" + Airlock.RECORDER + "=journal=" + journal, "-cp", Airlock.EXAMPLES_CP,
            "dev.airlock.examples.Ticker"));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Files.size(out) < 400 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
        p.waitFor();
        assertEquals(137, p.exitValue());

        Path report = tmp.resolve("report.json");
        Proc replayed = Airlock.replay(jdk, journal, report);
        assertEquals(67, replayed.exitCode, replayed.toString());
        String json = Airlock.read(report);
        assertTrue(json.contains("\"end_of_recording\""), json);
        String recordedOut = Files.readString(out);
        assertTrue(replayed.out().length() > 200, "replayed some ticks\n" + replayed);
        assertTrue(recordedOut.startsWith(replayed.out()), "replayed output is what the killed run printed, up to the end\n"
            + replayed.out() + "\nvs\n" + recordedOut);
    }

    static long lastNonZeroByte(Path file) throws Exception {
        byte[] all = Files.readAllBytes(file);
        for (int i = all.length - 1; i >= 0; i--) {
            if (all[i] != 0) {
                return i + 1;
            }
        }
        return 0;
    }
}
