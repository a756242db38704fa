package dev.airlock.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCommandTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void record() throws Exception {
        TestJournals.write(dir, TestJournals.header(), TestJournals.end(0));
    }

    private static String[] events(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "events";
        args[1] = dir.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        CliRun run = CliRun.bare(args);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        return run.outLines();
    }

    @Test
    void every_event_is_one_line_in_journal_order() {
        assertArrayEquals(new String[] {
            "#0 main seq=0 clock.nanos 100 at x.Main.main(Main.java:12)",
            "#1 main seq=1 clock.nanos 200 at x.Main.main(Main.java:12)",
            "#2 main seq=2 clock.nanos 300 at x.Main.main(Main.java:12)",
            "#3 main seq=3 env.var 2 bytes \"/h\" at x.Main.home(Main.java:30)",
            "#4 main/1 seq=0 random.seed 7 at x.Dice.roll(Dice.java:7)",
            "#5 main/1 seq=1 random.seed 8 at x.Dice.roll(Dice.java:7)",
        }, events());
    }

    @Test
    void filters_keep_the_global_index_and_thread_sequence() {
        assertArrayEquals(new String[] {
            "#4 main/1 seq=0 random.seed 7 at x.Dice.roll(Dice.java:7)",
            "#5 main/1 seq=1 random.seed 8 at x.Dice.roll(Dice.java:7)",
        }, events("--thread", "pool-1", "--site", "Dice.java", "--limit", "5", "--kind", "random.seed"));
        assertArrayEquals(new String[] {"#3 main seq=3 env.var 2 bytes \"/h\" at x.Main.home(Main.java:30)"},
            events("--site", "Main.home"));
        assertEquals(2, events("--thread", "main/1").length);
        assertEquals(2, events("--thread", "2").length);
        assertEquals(3, events("--kind", "NANO_TIME").length);
    }

    @Test
    void limit_stops_after_n_printed_events() {
        assertEquals(2, events("--limit", "2").length);
        assertEquals(0, events("--limit", "0").length);
        assertArrayEquals(new String[] {"#4 main/1 seq=0 random.seed 7 at x.Dice.roll(Dice.java:7)"},
            events("--kind", "random.seed", "--limit", "1"));
    }

    @Test
    void json_prints_one_object_per_line() {
        String[] lines = events("--json", "--limit", "4");
        assertEquals("{\"index\":0,\"thread\":\"main\",\"seq\":0,\"kind\":\"clock.nanos\",\"value\":100,"
            + "\"site\":\"x.Main.main(Main.java:12)\"}", lines[0]);
        assertEquals("{\"index\":3,\"thread\":\"main\",\"seq\":3,\"kind\":\"env.var\",\"value\":\"2 bytes \\\"/h\\\"\","
            + "\"site\":\"x.Main.home(Main.java:30)\"}", lines[3]);
    }
}
