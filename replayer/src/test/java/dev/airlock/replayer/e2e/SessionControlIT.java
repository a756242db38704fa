package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Controlled sessions: {@code airlock ctl PID status|stop} on a running recording, and the caps
 * {@code max-duration}/{@code max-bytes}. Stopping seals the journal and the application runs on.
 */
class SessionControlIT {

    @TempDir
    Path tmp;

    @Test
    void ctl_status_then_stop_seals_the_journal_and_the_app_runs_on() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Path out = tmp.resolve("app.out");
        List<String> cmd = new ArrayList<>(List.of(jdk.java()));
        cmd.addAll(jdk.baseFlags());
        cmd.addAll(List.of("-javaagent:" + Airlock.RECORDER + "=journal=" + journal, "-cp", Airlock.EXAMPLES_CP,
            "dev.airlock.examples.Ticker", "150"));
        Process app = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(tmp.resolve("app.err").toFile())
            .start();
        waitForOutput(out, 200);

        Proc status = Airlock.cli(null, "ctl", Long.toString(app.pid()), "status");
        assertEquals(0, status.exitCode, status.toString());
        assertTrue(status.out().contains("state: recording"), status.out());
        assertTrue(status.out().matches("(?s).*events: [1-9].*"), status.out());

        Proc stop = Airlock.cli(null, "ctl", Long.toString(app.pid()), "stop");
        assertEquals(0, stop.exitCode, stop.toString());
        assertTrue(stop.out().contains("state: stopped"), stop.out());

        assertEquals(0, app.waitFor(), "the application ends normally after the stop");
        assertTrue(Files.readString(out).contains("tick 150 "), "the application ran to its end");
        assertTrue(Files.readString(journal.resolve("airlock.log")).contains("stopped by airlock ctl"));

        Path report = tmp.resolve("report.json");
        Proc replayed = Airlock.replay(jdk, journal, report);
        assertEquals(67, replayed.exitCode, replayed.toString());
        assertTrue(Files.readString(out).startsWith(replayed.out()), "replay reproduces the run up to the stop");
        assertTrue(replayed.out().length() > 100, replayed.toString());
    }

    @Test
    void ctl_on_a_process_that_is_not_a_recording_jvm_gives_one_line() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Proc p = Airlock.cli(null, "ctl", Long.toString(sleeper.pid()), "status");
            assertEquals(69, p.exitCode, p.toString());
            assertTrue(p.err().strip().startsWith("airlock: ") && !p.err().strip().contains("\n"), p.toString());
        } finally {
            sleeper.destroy();
        }
        Proc bad = Airlock.cli(null, "ctl", "1", "explode");
        assertEquals(2, bad.exitCode, bad.toString());
    }

    @Test
    void max_duration_stops_recording_and_the_replay_runs_to_that_point() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Proc.run(List.of(jdk.java(), "-javaagent:" + Airlock.RECORDER + "=journal=" + journal
            + ",max-duration=1s", "-cp", Airlock.EXAMPLES_CP, "dev.airlock.examples.Ticker", "100"), null, null);
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().contains("tick 100 "), "the application ran to its end");
        assertTrue(Files.readString(journal.resolve("airlock.log")).contains("max-duration"));
        Path report = tmp.resolve("report.json");
        Proc replayed = Airlock.replay(jdk, journal, report);
        assertEquals(67, replayed.exitCode, replayed.toString());
        assertTrue(recorded.out().startsWith(replayed.out()));
        assertTrue(replayed.out().contains("tick 10 "), replayed.out());
    }

    @Test
    void max_bytes_stops_recording_and_the_app_runs_on() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Proc.run(List.of(jdk.java(), "-javaagent:" + Airlock.RECORDER + "=journal=" + journal
            + ",max-bytes=64k", "-cp", Airlock.EXAMPLES_CP, "dev.airlock.examples.LongRunner", "400000", "50000"),
            null, null);
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().contains("sum:"), recorded.out());
        assertTrue(Files.readString(journal.resolve("airlock.log")).contains("max-bytes"));
        Proc inspect = Airlock.cli(null, "inspect", journal.toString());
        assertEquals(0, inspect.exitCode, inspect.toString());
    }

    @Test
    void the_journal_directory_is_owner_only() throws Exception {
        Path journal = tmp.resolve("journal");
        Airlock.record(Airlock.defaultJdk(), journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.ClockAndDice");
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(journal)));
        try (var files = Files.walk(journal)) {
            files.filter(Files::isRegularFile).forEach(f -> {
                try {
                    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(f)), f.toString());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private static void waitForOutput(Path out, long bytes) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((!Files.exists(out) || Files.size(out) < bytes) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
