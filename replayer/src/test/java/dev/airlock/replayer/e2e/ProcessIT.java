package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Child processes: a recording keeps what the program read from each child (stdout, stderr on another
 * thread, exit codes, a command that does not exist), and a replay starts no child at all — the marker
 * file a child touches is not created — yet prints the recorded lines on a machine where the children
 * would answer differently (another listing, another date).
 */
class ProcessIT {

    private static final String MAIN = "dev.airlock.examples.SpawnsProcesses";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void children_replay_from_the_journal_and_none_is_started(Airlock.Jdk jdk) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("listed"));
        Files.createFile(dir.resolve("alpha"));
        Files.createFile(dir.resolve("beta"));
        Path marker = tmp.resolve("marker");

        Proc plain1 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, dir.toString(), marker.toString());
        Proc plain2 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, dir.toString(), marker.toString());
        assertEquals(0, plain1.exitCode, plain1.toString());
        assertNotEquals(plain1.out(), plain2.out(), "plain runs differ (the child's date)");
        Files.delete(marker);

        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, MAIN, dir.toString(), marker.toString());
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().contains("ls: alpha, beta (exit 0)"), recorded.out());
        assertTrue(recorded.out().contains("sh: stdout 'to-stdout', stderr 'oops', ended true, exit 3"), recorded.out());
        assertTrue(recorded.out().contains("missing: IOException: Cannot run program \"no-such-command-airlock\""),
            recorded.out());
        assertTrue(Files.exists(marker), "the recorded run started its children");

        Files.delete(marker);
        Files.delete(dir.resolve("alpha"));
        Files.createFile(dir.resolve("gamma"));
        for (int i = 0; i < 3; i++) {
            Path report = tmp.resolve("report" + i + ".json");
            Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
            assertFalse(Files.exists(marker), "replay started no child");
        }
        Proc events = Airlock.cli(null, "events", journal.toString(), "--kind", "process.start");
        assertTrue(events.out().contains("process.start date +%s.%N pid "), events.out());
        assertTrue(events.out().contains("no-such-command-airlock failed: java.io.IOException: "), events.out());
    }

    @Test
    void a_program_that_feeds_its_child_other_bytes_diverges_at_that_write() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path source = Airlock.ROOT.resolve("examples/src/main/java/dev/airlock/examples/SpawnsProcesses.java");
        DivergenceIT.compile(source, classes);
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, classes.toString(), MAIN, tmp.toString(), tmp.resolve("m").toString());
        assertEquals(0, recorded.exitCode, recorded.toString());

        Path changed = Files.createDirectories(tmp.resolve("changed")).resolve("SpawnsProcesses.java");
        Files.writeString(changed, Files.readString(source).replace("\"fed at \"", "\"fed AT \""));
        DivergenceIT.compile(changed, classes);
        Path report = tmp.resolve("report.json");
        Proc replayed = Airlock.replay(jdk, journal, report, "--allow-classpath-changes");
        assertEquals(66, replayed.exitCode, replayed.toString());
        String json = Airlock.read(report);
        assertTrue(json.contains("process.write"), json);
        assertTrue(json.contains("called from dev.airlock.examples.SpawnsProcesses.main(SpawnsProcesses.java:"), json);
    }
}
