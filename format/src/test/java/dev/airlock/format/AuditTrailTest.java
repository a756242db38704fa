package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {

    @TempDir
    Path dir;

    private void appendFive() throws Exception {
        AuditTrail.append(dir, "recording.started", new Fields().put("command", "java -jar app.jar")
            .put("agent.options", "journal=/j"));
        AuditTrail.append(dir, "recording.sealed", new Fields().put("events", 42));
        AuditTrail.append(dir, "verify", new Fields().put("command", "airlock verify /j").put("outcome", "intact"));
        AuditTrail.append(dir, "inspect", new Fields().put("command", "airlock inspect /j").put("outcome", "ok"));
        AuditTrail.append(dir, "replay", new Fields().put("command", "airlock replay /j").put("outcome", "matched"));
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(AuditTrail.file(dir)));
    }

    private void write(List<String> lines) throws Exception {
        Files.write(AuditTrail.file(dir), lines);
    }

    @Test
    void appended_entries_are_numbered_chained_and_verify_intact() throws Exception {
        appendFive();
        AuditTrail.Check check = AuditTrail.check(dir);
        assertTrue(check.intact(), check.line());
        assertEquals("intact (5 entries)", check.line());
        List<AuditEntry> entries = check.entries();
        assertEquals(List.of("recording.started", "recording.sealed", "verify", "inspect", "replay"),
            entries.stream().map(AuditEntry::event).toList());
        assertEquals(AuditEntry.ZERO_DIGEST, entries.get(0).prev());
        for (int i = 0; i < entries.size(); i++) {
            AuditEntry e = entries.get(i);
            assertEquals(i + 1, e.seq());
            if (i > 0) {
                assertEquals(entries.get(i - 1).digest(), e.prev());
            }
            assertEquals(System.getProperty("user.name"), e.get("user"));
            assertEquals(Long.toString(ProcessHandle.current().pid()), e.get("pid"));
            assertFalse(e.get("host").isBlank());
            Instant.parse(e.time());
        }
        assertEquals("42", entries.get(1).get("events"));
    }

    @Test
    void a_line_has_the_fixed_members_in_order_and_a_digest_of_the_rest() throws Exception {
        AuditEntry e = AuditTrail.append(dir, "verify", new Fields().put("outcome", "intact").put("seq", "spoofed"));
        String line = lines().get(0);
        assertEquals(e.line(), line);
        assertTrue(line.matches("\\{\"seq\":1,\"time\":\"[^\"]+\",\"user\":\"[^\"]*\",\"host\":\"[^\"]*\",\"pid\":\\d+,"
            + "\"event\":\"verify\",\"outcome\":\"intact\",\"detail.seq\":\"spoofed\",\"prev\":\"0{64}\","
            + "\"digest\":\"[0-9a-f]{64}\"}"), line);
        String canonical = line.substring(0, line.indexOf(",\"digest\":")) + "}";
        assertEquals(AuditEntry.sha256(canonical), e.digest());
    }

    @Test
    void an_edited_entry_is_tampered_at_its_seq() throws Exception {
        appendFive();
        List<String> lines = lines();
        lines.set(2, lines.get(2).replace("\"outcome\":\"intact\"", "\"outcome\":\"tampered\""));
        write(lines);
        AuditTrail.Check check = AuditTrail.check(dir);
        assertFalse(check.intact());
        assertEquals(3, check.badEntry());
        assertEquals("tampered: entry 3 was altered: its digest does not match its content", check.line());
        assertEquals(5, check.entries().size(), "the other entries still read");
    }

    @Test
    void an_edited_entry_with_a_recomputed_digest_breaks_the_next_link() throws Exception {
        appendFive();
        List<String> lines = lines();
        AuditEntry third = AuditEntry.parse(lines.get(2));
        Map<String, Object> members = new java.util.LinkedHashMap<>(third.members());
        members.put("outcome", "tampered");
        members.remove("digest");
        members.put("digest", AuditEntry.sha256(FlatJson.write(withoutDigest(members))));
        lines.set(2, FlatJson.write(members));
        write(lines);
        AuditTrail.Check check = AuditTrail.check(dir);
        assertEquals(4, check.badEntry(), check.line());
        assertEquals("tampered: entry 4 does not follow entry 3: an entry was removed, inserted or moved", check.line());
    }

    private static Map<String, Object> withoutDigest(Map<String, Object> m) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(m);
        copy.remove("digest");
        return copy;
    }

    @Test
    void a_removed_or_moved_entry_is_tampered_at_the_entry_after_the_gap() throws Exception {
        appendFive();
        List<String> original = lines();
        List<String> removed = new ArrayList<>(original);
        removed.remove(1);
        write(removed);
        AuditTrail.Check check = AuditTrail.check(dir);
        assertEquals(3, check.badEntry(), check.line());
        assertTrue(check.line().startsWith("tampered: entry 3 does not follow entry 1"), check.line());

        List<String> swapped = new ArrayList<>(original);
        swapped.set(3, original.get(4));
        swapped.set(4, original.get(3));
        write(swapped);
        assertEquals(5, AuditTrail.check(dir).badEntry(), AuditTrail.check(dir).line());

        List<String> firstGone = new ArrayList<>(original.subList(1, original.size()));
        write(firstGone);
        assertEquals(2, AuditTrail.check(dir).badEntry(), "the first entry must chain from zeros");
    }

    @Test
    void a_line_that_is_not_an_entry_is_tampered_and_appending_goes_on_after_it() throws Exception {
        appendFive();
        Files.writeString(AuditTrail.file(dir), "garbage without a line break", java.nio.file.StandardOpenOption.APPEND);
        AuditEntry next = AuditTrail.append(dir, "audit", null);
        assertEquals(7, next.seq(), "numbered after every line so far");
        List<String> lines = lines();
        assertEquals(7, lines.size());
        assertEquals("garbage without a line break", lines.get(5));
        AuditTrail.Check check = AuditTrail.check(dir);
        assertEquals(6, check.badEntry());
        assertEquals("tampered: entry 6 (line 6) cannot be read as an audit entry", check.line());
    }

    @Test
    void the_audit_file_is_created_owner_only() throws Exception {
        AuditTrail.append(dir, "verify", null);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(AuditTrail.file(dir))));
    }

    @Test
    void a_missing_trail_or_journal_directory_is_a_no_such_file_error() {
        assertThrows(NoSuchFileException.class, () -> AuditTrail.check(dir));
        assertThrows(NoSuchFileException.class, () -> AuditTrail.append(dir.resolve("gone"), "verify", null));
        assertFalse(Files.exists(dir.resolve("gone")), "append never creates the journal directory");
    }

    @Test
    void concurrent_appends_from_many_threads_keep_one_unbroken_chain() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < 25; i++) {
                        AuditTrail.append(dir, "events", new Fields().put("thread", id).put("i", i));
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        AuditTrail.Check check = AuditTrail.check(dir);
        assertEquals("intact (100 entries)", check.line());
        Set<String> seen = new HashSet<>();
        for (AuditEntry e : check.entries()) {
            assertTrue(seen.add(e.get("thread") + "/" + e.get("i")));
        }
    }

    @Test
    void text_with_quotes_control_characters_and_non_ascii_survives_the_round_trip() throws Exception {
        String tricky = "a \"quoted\" \\ path\twith\nbreaks, \u0001, \u2028, \uD800 alone, caf\u00e9 \uD83D\uDE00";
        AuditTrail.append(dir, "inspect", new Fields().put("command", tricky));
        assertEquals(1, lines().size(), "one line whatever the text");
        AuditTrail.Check check = AuditTrail.check(dir);
        assertTrue(check.intact(), check.line());
        assertEquals(tricky, check.entries().get(0).get("command"));
        String described = check.entries().get(0).describe();
        assertTrue(described.matches("1 \\S+ inspect by .+@.+ pid \\d+: command=\".*\""), described);
        assertFalse(described.contains("\n"), described);
        assertTrue(new String(Files.readAllBytes(AuditTrail.file(dir)), StandardCharsets.UTF_8).contains("caf\u00e9"));
    }
}
