package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replay stops and names both call sites when the program no longer makes the recorded calls. */
class DivergenceIT {

    @TempDir
    Path tmp;

    @Test
    void replay_reports_divergence_when_code_gained_a_nanoTime_call() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        compile(Airlock.ROOT.resolve("examples/src/main/java/dev/airlock/examples/Durations.java"), classes);
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, classes.toString(), "dev.airlock.examples.Durations");
        assertEquals(0, recorded.exitCode, recorded.toString());

        compile(Airlock.ROOT.resolve("examples/src/main/variants/Durations.java"), classes);
        Path report = tmp.resolve("report.json");
        Proc refused = Airlock.replay(jdk, journal, report);
        assertEquals(75, refused.exitCode, "changed code is refused before it runs: " + refused);
        assertTrue(refused.err().contains(classes + ": changed"), refused.err());
        Proc replayed = Airlock.replay(jdk, journal, report, "--allow-classpath-changes");

        assertEquals(66, replayed.exitCode, replayed.toString());
        String json = Airlock.read(report);
        assertTrue(json.contains("\"matched\": false"), json);
        assertTrue(json.contains("\"divergence\""), json);
        assertTrue(json.contains("dev.airlock.examples.Durations.main(Durations.java:20)"), "recorded site\n" + json);
        assertTrue(json.contains("dev.airlock.examples.Durations.main(Durations.java:22)"), "replayed site\n" + json);
        assertTrue(json.contains("\"thread\": \"main\""), json);
        assertTrue(replayed.err().contains("DIVERGED"), replayed.err());
    }

    @Test
    void an_unchanged_program_replays_without_divergence() throws Exception {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        compile(Airlock.ROOT.resolve("examples/src/main/java/dev/airlock/examples/Durations.java"), classes);
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, classes.toString(), "dev.airlock.examples.Durations");
        Path report = tmp.resolve("report.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
    }

    static void compile(Path source, Path out) {
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null,
            List.of("--release", "17", "-g", "-d", out.toString(), source.toString()).toArray(new String[0]));
        assertEquals(0, rc, "javac " + source);
    }
}
