package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a recording JVM at twelve seeded moments, 0.3 to 2.5 s after the recording began
 * (its first queue file appeared): each journal reads back up to the last event written ({@code inspect}
 * says it was cut short, {@code verify} says truncated), and its replay runs to that point and reports
 * the end of the recording, printing only what the killed run printed (some kills come before main
 * printed anything). A kill before the header was written leaves no recording, which every command
 * reports in one line. Replays run in the background while the next
 * recording runs. {@code -Dairlock.kill.seed=S} changes the kill moments.
 */
class KillRecorderIT {

    private static final long SEED = Long.getLong("airlock.kill.seed", 9L);
    /** 12 (20 before), to keep the whole suite under 25 minutes on two cores. */
    private static final int RUNS = 12;
    private static final Pattern STDOUT_EVENTS = Pattern.compile("(?m)^\\s+console\\.stdout\\s+(\\d+)$");

    @TempDir
    Path tmp;

    /** One killed recording and its replay, running or done. */
    private record Killed(int run, long afterMillis, Path recordedOut, Process replay, Path replayOut, Path replayErr,
                          Path report, long stdoutEvents) {
        String name() {
            return KillRecorderIT.name(run, afterMillis);
        }
    }

    @Test
    void a_recording_killed_at_random_moments_reads_back_and_replays_up_to_the_kill() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Random random = new Random(SEED);
        List<Killed> replaying = new ArrayList<>();
        int beforeRecording = 0;
        long started = System.nanoTime();
        for (int run = 0; run < RUNS; run++) {
            long afterMillis = 300 + random.nextInt(2201);
            Path journal = tmp.resolve("journal-" + run);
            Path recordedOut = tmp.resolve("recorded-" + run + ".out");
            killRecordingAfter(jdk, journal, recordedOut, afterMillis);
            String name = name(run, afterMillis);

            Proc inspect = Airlock.inProcess("inspect", journal.toString());
            Proc verify = Airlock.inProcess("verify", journal.toString());
            if (!hasSegment(journal) || inspect.err().contains("no header was written")) {
                // Killed before the agent wrote the header: no recording to read or replay.
                beforeRecording++;
                for (Proc p : List.of(inspect, verify, Airlock.cli(null, "replay", journal.toString()))) {
                    assertEquals(65, p.exitCode, name + "\n" + p);
                    assertOneAirlockLine(name, p);
                }
                continue;
            }
            assertEquals(0, inspect.exitCode, name + "\n" + inspect);
            assertTrue(inspect.out().contains("end: none (the recording was cut short)"), name + "\n" + inspect);
            assertEquals(73, verify.exitCode, name + "\n" + verify);
            assertTrue(verify.out().startsWith("truncated: "), name + "\n" + verify);
            Matcher stdoutEvents = STDOUT_EVENTS.matcher(inspect.out());
            replaying.add(startReplay(run, afterMillis, journal, recordedOut,
                stdoutEvents.find() ? Long.parseLong(stdoutEvents.group(1)) : 0));
        }
        int unprintedLastLines = 0;
        int moreLinesThanInspected = 0;
        int beforeOutput = 0;
        for (Killed k : replaying) {
            Extra extra = checkReplay(k);
            unprintedLastLines += extra.unprintedLastLine() ? 1 : 0;
            moreLinesThanInspected += extra.moreLinesThanInspected() ? 1 : 0;
            beforeOutput += Files.size(k.recordedOut()) == 0 ? 1 : 0;
        }
        System.out.println("killed " + RUNS + " recordings (seed " + SEED + "): " + beforeRecording
            + " before the recording began, " + replaying.size() + " replayed to the end of the recording ("
            + beforeOutput + " killed before printing anything, " + unprintedLastLines
            + " replaying a last line the killed run never printed, " + moreLinesThanInspected
            + " printing more lines than inspect counted writes), in "
            + (System.nanoTime() - started) / 1_000_000_000 + " s");
        assertTrue(replaying.size() >= RUNS / 2, "most kills hit a running recording");
    }

    private void killRecordingAfter(Airlock.Jdk jdk, Path journal, Path out, long millis) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(jdk.java()));
        cmd.addAll(jdk.baseFlags());
        cmd.addAll(List.of("-javaagent:" + Airlock.RECORDER + "=journal=" + journal, "-cp", Airlock.EXAMPLES_CP,
            "dev.airlock.examples.Ticker"));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        // The clock starts when the recording begins (its first queue file appears), so a slow JVM and
        // agent start on a busy machine does not turn most kills into kills before the recording.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!hasSegment(journal) && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(millis);
        p.destroyForcibly(); // SIGKILL
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed JVM ended");
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
    }

    private Killed startReplay(int run, long afterMillis, Path journal, Path recordedOut, long stdoutEvents)
        throws Exception {
        Path report = tmp.resolve("report-" + run + ".json");
        Path out = tmp.resolve("replay-" + run + ".out");
        Path err = tmp.resolve("replay-" + run + ".err");
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            Airlock.CLI.toString(), "replay", journal.toString(), "--report", report.toString(), "--timeout", "60")
            .redirectOutput(out.toFile()).redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new Killed(run, afterMillis, recordedOut, p, out, err, report, stdoutEvents);
    }

    /** What a replay printed beyond the expected: a last line the killed run never printed, lines inspect did not count. */
    private record Extra(boolean unprintedLastLine, boolean moreLinesThanInspected) {
    }

    private static Extra checkReplay(Killed k) throws Exception {
        if (!k.replay().waitFor(120, TimeUnit.SECONDS)) {
            k.replay().destroyForcibly();
            fail(k.name() + ": the replay did not end");
        }
        String out = Files.readString(k.replayOut());
        String err = Files.readString(k.replayErr());
        String recorded = Files.readString(k.recordedOut());
        String what = k.name() + ": exit " + k.replay().exitValue() + "\n--- stdout\n" + out + "--- stderr\n" + err;
        assertEquals(67, k.replay().exitValue(), what);
        assertTrue(err.strip().startsWith("airlock: replay reached the end of the recording"), what);
        String report = Files.readString(k.report());
        assertTrue(report.contains("\"matched\": false") && report.contains("\"end_of_recording\""), report);
        assertTrue(out.lines().count() >= k.stdoutEvents(), "the replay printed every recorded write ("
            + k.stdoutEvents() + ")\n" + what);
        // Known fault: a write is recorded on entry to FileOutputStream.write, so a kill between the capture
        // and the write itself leaves a journal holding one line the run never printed, and the replay
        // prints it. Until that is fixed, the replay's last line may be missing from the killed run's output.
        String allButLastLine = out.substring(0, out.lastIndexOf('\n', out.length() - 2) + 1);
        assertTrue(recorded.startsWith(allButLastLine), "the replay printed only what the killed run printed\n"
            + what + "--- recorded\n" + recorded);
        return new Extra(!recorded.startsWith(out), out.lines().count() > k.stdoutEvents());
    }

    static String name(int run, long afterMillis) {
        return "run " + run + " (killed after " + afterMillis + " ms)";
    }

    private static boolean hasSegment(Path journal) throws Exception {
        Path queue = journal.resolve("queue");
        if (!Files.isDirectory(queue)) {
            return false;
        }
        try (Stream<Path> files = Files.list(queue)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        }
    }

    private static void assertOneAirlockLine(String name, Proc p) {
        String err = p.err().strip();
        assertTrue(err.startsWith("airlock: ") && !err.contains("\n"), name + ": one line\n" + p);
    }
}
