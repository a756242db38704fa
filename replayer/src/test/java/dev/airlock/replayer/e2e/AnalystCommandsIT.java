package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect}, {@code events} and {@code demo} on real recordings. */
class AnalystCommandsIT {

    @TempDir
    Path tmp;

    @Test
    void inspect_and_events_show_the_recorded_run_with_call_sites() {
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(Airlock.defaultJdk(), journal, Airlock.EXAMPLES_CP,
            "dev.airlock.examples.ClockAndDice", "2");
        assertEquals(0, recorded.exitCode, recorded.toString());

        Proc inspect = Airlock.cli(null, "inspect", journal.toString());
        assertEquals(0, inspect.exitCode, inspect.toString());
        String text = inspect.out();
        for (String expected : List.of("dev.airlock.examples.ClockAndDice", "clock.nanos", "random.seed", "main",
            "airlock-examples.jar", "exit")) {
            assertTrue(text.contains(expected), "inspect shows " + expected + "\n" + text);
        }

        Proc events = Airlock.cli(null, "events", journal.toString(), "--kind", "clock.nanos");
        assertEquals(0, events.exitCode, events.toString());
        assertTrue(events.out().contains("clock.nanos"), events.out());
        assertTrue(events.out().matches("(?s).*at dev\\.airlock\\.examples\\.ClockAndDice\\.main\\(ClockAndDice\\.java:\\d+\\).*"),
            events.out());

        Proc json = Airlock.cli(null, "events", journal.toString(), "--thread", "main", "--limit", "3", "--json");
        assertEquals(0, json.exitCode, json.toString());
        assertEquals(3, json.out().strip().split("\n").length, json.out());
        assertTrue(json.out().startsWith("{"), json.out());
    }

    @Test
    void the_readme_demo_records_and_replays_twice() {
        Proc demo = Proc.run(List.of("bash", Airlock.ROOT.resolve("airlock").toString(), "demo"), Airlock.ROOT,
            java.util.Map.of("TMPDIR", tmp.toString(), "JAVA_HOME", System.getProperty("java.home")));
        assertEquals(0, demo.exitCode, demo.toString());
        assertTrue(demo.out().contains("replayed 2/2 matched"), demo.toString());
    }
}
