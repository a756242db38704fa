package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad options and missing journals end with one clear line and a documented exit code. */
class BadInputIT {

    @TempDir
    Path tmp;

    private static void assertOneAirlockLine(Proc p) {
        String err = p.err().strip();
        assertTrue(err.startsWith("airlock: "), p.toString());
        assertFalse(err.contains("\n"), "one line only: " + p);
        assertFalse(err.contains("Exception"), "no stack trace: " + p);
    }

    @Test
    void an_unknown_agent_option_stops_the_jvm_with_one_line() {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Proc p = Proc.run(List.of(jdk.java(), "-javaagent:" + Airlock.RECORDER + "=journal=" + tmp.resolve("j")
            + ",colour=blue", "-cp", Airlock.EXAMPLES_CP, "dev.airlock.examples.ClockAndDice"), null, null);
        assertEquals(2, p.exitCode, p.toString());
        assertOneAirlockLine(p);
        assertTrue(p.err().contains("unknown agent option 'colour'"), p.err());
        assertEquals("", p.out());
    }

    @Test
    void a_malformed_or_missing_journal_option_stops_the_jvm_with_one_line() {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        for (String options : new String[] {"", "=journal", "=flush-ms=abc,journal=" + tmp.resolve("j")}) {
            Proc p = Proc.run(List.of(jdk.java(), "-javaagent:" + Airlock.RECORDER + options, "-cp", Airlock.EXAMPLES_CP,
                "dev.airlock.examples.ClockAndDice"), null, null);
            assertNotEquals(0, p.exitCode, p.toString());
            assertOneAirlockLine(p);
        }
    }

    @Test
    void a_journal_directory_that_does_not_exist_is_created() {
        Path journal = tmp.resolve("not/yet/there");
        Proc p = Airlock.record(Airlock.defaultJdk(), journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.ClockAndDice");
        assertEquals(0, p.exitCode, p.toString());
        assertTrue(Files.isDirectory(journal.resolve("queue")));
    }

    @Test
    void a_journal_directory_with_a_recording_is_refused() {
        Path journal = tmp.resolve("j");
        Airlock.record(Airlock.defaultJdk(), journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.ClockAndDice");
        Proc again = Airlock.record(Airlock.defaultJdk(), journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.ClockAndDice");
        assertEquals(2, again.exitCode, again.toString());
        assertOneAirlockLine(again);
    }

    @Test
    void replay_of_a_missing_journal_gives_one_line_and_exit_65() {
        Proc p = Airlock.cli(null, "replay", tmp.resolve("missing").toString());
        assertEquals(65, p.exitCode, p.toString());
        assertOneAirlockLine(p);
    }

    @Test
    void replay_of_an_empty_directory_gives_one_line_and_exit_65() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Proc p = Airlock.cli(null, "replay", empty.toString());
        assertEquals(65, p.exitCode, p.toString());
        assertOneAirlockLine(p);
    }
}
