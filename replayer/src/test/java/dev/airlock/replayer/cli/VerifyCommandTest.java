package dev.airlock.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.format.AuditEntry;
import dev.airlock.format.AuditTrail;
import dev.airlock.format.JournalSeal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

    private static final byte[] KEY = "an HMAC key of at least 32 bytes!".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;
    private Path journal;
    private Path key;

    @BeforeEach
    void setUp() throws Exception {
        journal = tmp.resolve("journal");
        key = Files.write(tmp.resolve("seal.key"), KEY);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }

    private static void assertOnlyOut(CliRun run, int exitCode, String regex) {
        assertEquals(exitCode, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.outLines().length, run.out());
        assertTrue(run.outLines()[0].matches(regex), run.out());
        assertEquals("", run.err());
    }

    @Test
    void a_journal_sealed_without_a_key_is_intact_with_exit_0() throws Exception {
        TestJournals.write(journal, TestJournals.header(), TestJournals.end(0));
        assertOnlyOut(CliRun.asMain("verify", journal.toString()), 0,
            "intact \\(sealed with none, \\d+ documents, 6 events\\)");
    }

    @Test
    void an_hmac_seal_is_intact_with_its_key_unverified_without_and_tampered_with_another() throws Exception {
        TestJournals.write(journal, TestJournals.header(), TestJournals.end(0), JournalSeal.hmac(KEY));
        assertOnlyOut(CliRun.asMain("verify", journal.toString(), "--key", key.toString()), 0,
            "intact \\(sealed with HmacSHA256, \\d+ documents, 6 events\\)");
        assertOnlyOut(CliRun.asMain("verify", journal.toString()), 74,
            "intact \\(sealed with HmacSHA256; not checked: no --key\\)");

        Path other = Files.write(tmp.resolve("other.key"), new byte[32]);
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
        assertOnlyOut(CliRun.asMain("verify", journal.toString(), "--key", other.toString()), 72,
            "tampered: document \\d+ is a seal that does not verify with this key .*");
    }

    @Test
    void an_altered_document_is_tampered_with_exit_72_naming_it() throws Exception {
        TestJournals.write(journal, TestJournals.header(), TestJournals.end(0));
        InspectCommandTest.corruptLastDocuments(journal);
        assertOnlyOut(CliRun.asMain("verify", journal.toString()), 72,
            "tampered: document \\d+ does not match the digest chain: it was altered, removed or moved");
    }

    @Test
    void a_recording_that_never_closed_is_truncated_with_exit_73() throws Exception {
        TestJournals.write(journal, TestJournals.header(), null);
        assertOnlyOut(CliRun.asMain("verify", journal.toString()), 73, "truncated: last good document \\d+ \\(not sealed\\)");
    }

    @Test
    void no_journal_is_one_line_and_exit_65() throws Exception {
        CliRun missing = CliRun.asMain("verify", tmp.resolve("nope").toString());
        assertEquals(65, missing.exitCode());
        assertEquals(1, missing.errLines().length, missing.err());
        assertTrue(missing.err().startsWith("airlock: no journal at "), missing.err());
        assertFalse(Files.exists(tmp.resolve("nope")), "verify creates nothing");

        CliRun empty = CliRun.asMain("verify", Files.createDirectories(tmp.resolve("empty")).toString());
        assertEquals(65, empty.exitCode());
        assertFalse(Files.exists(tmp.resolve("empty").resolve(AuditTrail.FILE)), "no audit trail for a non-journal");
    }

    @Test
    void a_key_file_readable_by_others_is_a_one_line_usage_error() throws Exception {
        TestJournals.write(journal, TestJournals.header(), TestJournals.end(0), JournalSeal.hmac(KEY));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun run = CliRun.asMain("verify", journal.toString(), "--key", key.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().startsWith("airlock: --key: key file " + key + " is readable by group or others (rw-r--r--); "
            + "make it owner-only: chmod 600 " + key), run.err());
        assertEquals("", run.out());
    }

    @Test
    void every_verify_leaves_an_audit_entry_with_its_command_line_and_outcome() throws Exception {
        TestJournals.write(journal, TestJournals.header(), TestJournals.end(0));
        CliRun.asMain("verify", journal.toString());
        AuditTrail.Check check = AuditTrail.check(journal);
        assertTrue(check.intact(), check.line());
        AuditEntry entry = check.entries().get(check.entries().size() - 1);
        assertEquals("verify", entry.event());
        assertEquals("airlock verify " + journal, entry.get("command"));
        assertTrue(entry.get("outcome").startsWith("intact (sealed with none"), entry.line());
        assertEquals("0", entry.get("exit"));
    }

    @Test
    void an_audit_trail_that_cannot_be_written_is_one_warning_and_the_answer_stands() throws Exception {
        TestJournals.write(journal, TestJournals.header(), TestJournals.end(0));
        Files.createDirectories(journal.resolve(AuditTrail.FILE)); // unwritable even for root
        CliRun run = CliRun.asMain("verify", journal.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("intact"), run.out());
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().startsWith("airlock: warning: cannot write the audit trail: "), run.err());
    }
}
