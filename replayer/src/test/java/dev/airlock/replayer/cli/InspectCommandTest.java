package dev.airlock.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir
    Path dir;

    private static void assertHasLine(CliRun run, String line) {
        List<String> lines = Arrays.asList(run.outLines());
        assertTrue(lines.contains(line), "no line <" + line + "> in:\n" + run.out());
    }

    private static void assertHasLineMatching(CliRun run, String regex) {
        assertTrue(Arrays.stream(run.outLines()).anyMatch(l -> l.matches(regex)), "no line ~ " + regex + " in:\n" + run.out());
    }

    @Test
    void inspect_shows_header_classpath_counts_and_end() throws Exception {
        TestJournals.write(dir, TestJournals.header(), TestJournals.end(3));
        CliRun run = CliRun.bare("inspect", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertHasLine(run, "recording id: rec-42");
        assertHasLine(run, "airlock version: 0.1.0-test");
        assertHasLine(run, "main class: x.Main");
        assertHasLine(run, "main args: 3 'two words'");
        assertHasLine(run, "jvm: Acme 17.0.15 (Java 17)");
        assertHasLine(run, "jvm args: -Xmx64m");
        assertHasLine(run, "started: 2023-11-14T22:13:20Z");
        assertHasLine(run, "time zone: Europe/Paris");
        assertHasLine(run, "locale: fr-FR");
        assertHasLine(run, "  /app/main.jar  sha256 ab12  1234 bytes");
        assertHasLine(run, "  /app/classes");
        assertHasLineMatching(run, " +clock\\.nanos +3");
        assertHasLineMatching(run, " +env\\.var +1");
        assertHasLineMatching(run, " +random\\.seed +2");
        assertHasLineMatching(run, " +main +\"main\" +4");
        assertHasLineMatching(run, " +main/1 +\"pool-1\" +2");
        assertHasLine(run, "call sites: 3");
        assertHasLine(run, "events: 6");
        assertHasLine(run, "end: exit code 3, main returned");
        assertHasLine(run, "stdout: 6 bytes, sha256 aaaa");
    }

    /** Ordered mode's logical threads (task runs) are listed as one line per pool thread they ran on. */
    @Test
    void task_runs_are_counted_by_the_pool_thread_they_ran_on() throws Exception {
        java.nio.file.Path journal = dir.resolve("tasks");
        dev.airlock.format.JournalWriter writer = dev.airlock.format.JournalWriter.create(journal, TestJournals.header(),
            64 << 20, 5, t -> { });
        writer.start();
        writer.writeSites(List.of(TestJournals.NANO_SITE));
        int nanos = dev.airlock.format.SiteRef.of(TestJournals.NANO_SITE.id(), dev.airlock.format.EventKind.NANO_TIME);
        Thread pool = new Thread(() -> {
            writer.openThread("main", Thread.currentThread()).appendLong(nanos, 1);
            for (int i = 1; i <= 3; i++) {
                dev.airlock.format.ThreadEventWriter run = writer.openDeferred("main/t" + i, Thread.currentThread());
                run.appendLong(nanos, i);
                run.appendLong(nanos, i + 1);
                run.end();
            }
        }, "worker-1");
        pool.start();
        pool.join();
        writer.close(TestJournals.end(0));
        CliRun run = CliRun.bare("inspect", journal.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertHasLineMatching(run, " +main +\"worker-1\" +1");
        assertHasLineMatching(run, " +\\(tasks\\) +\"worker-1\" +6  \\(3 task runs\\)");
        assertTrue(!run.out().contains("main/t1"), run.out());
    }

    @Test
    void a_recording_without_end_document_says_it_was_cut_short() throws Exception {
        TestJournals.write(dir, TestJournals.header(), null);
        CliRun run = CliRun.bare("inspect", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertHasLine(run, "end: none (the recording was cut short)");
        assertHasLine(run, "events: 6");
    }

    @Test
    void a_journal_damaged_part_way_shows_what_was_read_and_exits_65() throws Exception {
        TestJournals.write(dir, TestJournals.header(), TestJournals.end(0));
        corruptLastDocuments(dir);
        CliRun run = CliRun.bare("inspect", dir.toString());
        assertEquals(65, run.exitCode(), run.out() + run.err());
        assertHasLine(run, "recording id: rec-42");
        assertHasLineMatching(run, "damaged: .+");
        assertEquals(1, run.errLines().length, run.err());
        assertTrue(run.err().startsWith("airlock: the journal is damaged after "), run.err());
    }

    /** Flips a byte of the last document's body, so the digest chain breaks there. */
    static void corruptLastDocuments(Path journal) throws IOException {
        Path cq4;
        try (var files = Files.list(journal.resolve("queue"))) {
            cq4 = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(cq4);
        // The END document is the last one written; its field names are plain text ("exit.code").
        int at = lastIndexOf(bytes, "exit.cause".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(at > 0, "END document not found");
        bytes[at] ^= 0x20;
        Files.write(cq4, bytes);
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
