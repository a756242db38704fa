package dev.airlock.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirlockCliTest {

    @TempDir
    Path tmp;

    private static void assertOneLineError(CliRun run, int exitCode, String contains) {
        assertEquals(exitCode, run.exitCode(), run.err());
        String[] lines = run.errLines();
        assertEquals(1, lines.length, run.err());
        assertTrue(lines[0].startsWith("airlock: "), run.err());
        assertTrue(lines[0].contains(contains), run.err());
        assertFalse(run.err().contains("\tat "), "stack trace: " + run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }

    @Test
    void replay_of_a_missing_journal_is_one_line_and_exit_65() {
        Path missing = tmp.resolve("nope");
        assertOneLineError(CliRun.bare("replay", missing.toString()), 65, "does not exist");
        assertOneLineError(CliRun.asMain("replay", missing.toString()), 65, missing.toString());
    }

    @Test
    void replay_of_an_empty_directory_is_one_line_and_exit_65() {
        assertOneLineError(CliRun.bare("replay", tmp.toString()), 65, "holds no recording");
    }

    @Test
    void inspect_and_events_of_an_empty_directory_are_one_line_and_exit_65() {
        assertOneLineError(CliRun.bare("inspect", tmp.toString()), 65, "holds no recording");
        assertOneLineError(CliRun.bare("events", tmp.toString()), 65, "holds no recording");
    }

    @Test
    void a_file_instead_of_a_journal_directory_is_one_line_and_exit_65() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertOneLineError(CliRun.bare("inspect", file.toString()), 65, "not a directory");
    }

    @Test
    void usage_errors_are_one_line_and_exit_2() {
        assertOneLineError(CliRun.asMain("replay"), 2, "Missing required parameter");
        assertOneLineError(CliRun.asMain("replay", "--bogus", "x"), 2, "--bogus");
        assertOneLineError(CliRun.asMain("frobnicate"), 2, "frobnicate");
        assertOneLineError(CliRun.asMain(), 2, "missing subcommand");
        assertOneLineError(CliRun.asMain("replay", tmp.toString(), "--debug=70000"), 2, "port");
        assertOneLineError(CliRun.asMain("replay", tmp.toString(), "--report", tmp.resolve("no/such/r.json").toString()),
            2, "--report");
    }

    @Test
    void an_unknown_event_kind_is_a_usage_error_listing_the_valid_kinds() {
        CliRun run = CliRun.asMain("events", tmp.toString(), "--kind", "bogus");
        assertOneLineError(run, 2, "unknown event kind 'bogus'; valid kinds: clock.millis, clock.nanos");
        assertEquals(2, CliRun.bare("events", tmp.toString(), "--kind", "bogus").exitCode());
    }

    @Test
    void an_internal_error_is_one_line_naming_the_log() {
        System.setProperty(CliErrors.LOG_PROPERTY, tmp.resolve("cli.log").toString());
        try {
            java.io.StringWriter err = new java.io.StringWriter();
            int code = CliErrors.report(new IllegalStateException("boom\nsecond line"), new java.io.PrintWriter(err));
            assertEquals(70, code);
            assertEquals("airlock: internal error: IllegalStateException: boom second line (stack trace in "
                + tmp.resolve("cli.log") + ")", err.toString().strip());
            assertTrue(Files.exists(tmp.resolve("cli.log")));
        } finally {
            System.clearProperty(CliErrors.LOG_PROPERTY);
        }
    }

    @Test
    void help_and_version_go_to_standard_output() {
        CliRun help = CliRun.asMain("help", "replay");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--report"), help.out());
        CliRun version = CliRun.asMain("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().startsWith("airlock "), version.out());
        assertEquals("", version.err());
    }
}
