package dev.airlock.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.format.AuditTrail;
import dev.airlock.format.Fields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

    @TempDir
    Path tmp;
    private Path journal;

    @BeforeEach
    void setUp() throws Exception {
        journal = tmp.resolve("journal");
        TestJournals.write(journal, TestJournals.header(), TestJournals.end(0));
        AuditTrail.append(journal, "recording.started", new Fields().put("command", "java -cp app x.Main"));
        AuditTrail.append(journal, "recording.sealed", new Fields().put("events", 6));
    }

    @Test
    void audit_lists_every_command_run_against_the_journal_and_verifies_the_chain() throws Exception {
        assertEquals(0, CliRun.asMain("verify", journal.toString()).exitCode());
        assertEquals(0, CliRun.asMain("inspect", journal.toString()).exitCode());
        assertEquals(0, CliRun.asMain("events", journal.toString(), "--limit", "2").exitCode());

        CliRun run = CliRun.asMain("audit", journal.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals("", run.err());
        String[] lines = run.outLines();
        assertEquals(6, lines.length, run.out());
        List<String> events = List.of("recording.started", "recording.sealed", "verify", "inspect", "events");
        for (int i = 0; i < events.size(); i++) {
            assertTrue(lines[i].matches((i + 1) + " \\S+ " + events.get(i).replace(".", "\\.") + " by .+@.+ pid \\d+.*"),
                lines[i]);
        }
        assertTrue(lines[2].contains("command=\"airlock verify " + journal + "\""), lines[2]);
        assertTrue(lines[2].contains("outcome=\"intact (sealed with none"), lines[2]);
        assertTrue(lines[4].contains("outcome=\"listed 2 events\""), lines[4]);
        assertEquals("intact (5 entries)", lines[5]);

        AuditTrail.Check after = AuditTrail.check(journal);
        assertEquals("audit", after.entries().get(5).event(), "audit records itself");
        assertEquals("intact (5 entries)", after.entries().get(5).get("outcome"));
    }

    @Test
    void an_edited_entry_is_exit_72_naming_it() throws Exception {
        Path file = AuditTrail.file(journal);
        List<String> lines = Files.readAllLines(file);
        lines.set(1, lines.get(1).replace("\"events\":\"6\"", "\"events\":\"7\""));
        Files.write(file, lines);
        CliRun run = CliRun.asMain("audit", journal.toString());
        assertEquals(72, run.exitCode(), run.out());
        String[] out = run.outLines();
        assertEquals("tampered: entry 2 was altered: its digest does not match its content", out[out.length - 1]);
    }

    @Test
    void a_removed_entry_is_exit_72() throws Exception {
        CliRun.asMain("verify", journal.toString());
        Path file = AuditTrail.file(journal);
        List<String> lines = Files.readAllLines(file);
        lines.remove(1);
        Files.write(file, lines);
        CliRun run = CliRun.asMain("audit", journal.toString());
        assertEquals(72, run.exitCode(), run.out());
        assertTrue(run.out().contains("tampered: entry 3 does not follow entry 1"), run.out());
    }

    @Test
    void no_audit_trail_is_one_line_and_exit_65() throws Exception {
        Path bare = tmp.resolve("bare");
        TestJournals.write(bare, TestJournals.header(), TestJournals.end(0));
        CliRun run = CliRun.asMain("audit", bare.toString());
        assertEquals(65, run.exitCode());
        assertEquals("airlock: no audit trail in " + bare + " (no audit.log)", run.err().strip());
        assertFalse(Files.exists(AuditTrail.file(bare)), "audit does not start a trail");
        assertEquals(65, CliRun.asMain("audit", tmp.resolve("missing").toString()).exitCode());
    }
}
