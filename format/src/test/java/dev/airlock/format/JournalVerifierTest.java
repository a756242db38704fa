package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalVerifierTest {

    private static final CallSite ENV_SITE = new CallSite(17, EventKind.ENV_VAR, "x.Main", "home",
        "()Ljava/lang/String;", 0, 30, "Main.java");
    private static final int NANO_REF = SiteRef.of(16, EventKind.NANO_TIME);
    private static final int ENV_REF = SiteRef.of(ENV_SITE.id(), EventKind.ENV_VAR);
    private static final byte[] MARKER = "VERIFIER-MARKER-PAYLOAD".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY = new byte[32];

    @TempDir
    Path tmp;

    /** Header, sites, 200 nanos, the marker, 200 nanos in separate blocks; END and an HMAC seal. */
    private Path record(Path dir) throws InterruptedException {
        JournalWriter writer = recordOpen(dir);
        writer.close(new Fields().put(HeaderKeys.EXIT_CODE, 0), JournalSeal.hmac(KEY));
        return dir;
    }

    /** Like {@link #record} but leaves the writer open. */
    private JournalWriter recordOpen(Path dir) throws InterruptedException {
        JournalWriter writer = JournalWriter.create(dir, RawJournal.header().put("marker", "HEADER-MARKER"), 64 << 20, 5,
            t -> { });
        writer.start();
        writer.writeSites(List.of(ENV_SITE));
        ThreadEventWriter w = writer.openThread("main", Thread.currentThread());
        for (int i = 0; i < 200; i++) {
            w.appendLong(NANO_REF, 1_000 + i);
        }
        await(writer, 200);
        w.appendBytes(ENV_REF, MARKER, 0, MARKER.length);
        await(writer, 201);
        for (int i = 0; i < 200; i++) {
            w.appendLong(NANO_REF, 5_000 + i);
        }
        await(writer, 401);
        return writer;
    }

    private static void await(JournalWriter writer, long events) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (writer.eventsWritten() < events) {
            assertTrue(System.nanoTime() < deadline, "the writer thread wrote " + writer.eventsWritten() + " events");
            Thread.sleep(1);
        }
    }

    private static List<DocType> types(Path dir) {
        List<DocType> types = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir)) {
            JournalDocument doc;
            while ((doc = reader.next()) != null) {
                types.add(doc.type());
            }
        }
        return types;
    }

    @Test
    void an_untouched_recording_is_intact_with_its_document_and_event_counts() throws Exception {
        Path dir = record(tmp.resolve("j"));
        Verdict v = JournalVerifier.verify(dir, SealKey.hmac(KEY));
        List<DocType> types = types(dir);
        assertEquals(Verdict.Status.INTACT, v.status(), v.line());
        assertEquals("intact (sealed with HmacSHA256, " + types.size() + " documents, 401 events)", v.line());
        assertEquals(types.size() - 1, v.document());
        assertEquals("x.Main", v.header().get(HeaderKeys.MAIN_CLASS));
    }

    @Test
    void a_flipped_byte_in_an_event_is_tampered_at_its_block() throws Exception {
        Path dir = record(tmp.resolve("j"));
        List<DocType> types = types(dir);
        RawJournal.flipByteOf(dir, MARKER);
        Verdict v = JournalVerifier.verify(dir, SealKey.hmac(KEY));
        assertEquals(Verdict.Status.TAMPERED, v.status(), v.line());
        assertEquals(DocType.BLOCK, types.get((int) v.document()));
        assertEquals("tampered: document " + v.document() + " does not match the digest chain: it was altered, removed or "
            + "moved", v.line());
        assertEquals(200, v.events(), "events before the altered block");
        assertEquals(Verdict.Status.TAMPERED, JournalVerifier.verify(dir, null).status(), "the chain needs no key");
    }

    @Test
    void a_flipped_byte_in_the_header_is_tampered_at_document_0() throws Exception {
        Path dir = record(tmp.resolve("j"));
        RawJournal.flipByteOf(dir, "HEADER-MARKER".getBytes(StandardCharsets.US_ASCII));
        Verdict v = JournalVerifier.verify(dir, null);
        assertEquals(Verdict.Status.TAMPERED, v.status(), v.line());
        assertEquals(0, v.document());
    }

    @Test
    void a_journal_whose_writer_never_closed_is_truncated_after_its_last_document() throws Exception {
        Path live = tmp.resolve("live");
        Path killed = tmp.resolve("killed");
        JournalWriter writer = recordOpen(live);
        try {
            Thread.sleep(30);
            // What a killed process leaves behind: the queue files as they are, with no END.
            copyTree(JournalFiles.queueDir(live), JournalFiles.queueDir(killed));
        } finally {
            writer.close();
        }
        List<DocType> types = types(killed);
        Verdict v = JournalVerifier.verify(killed, SealKey.hmac(KEY));
        assertEquals(Verdict.Status.TRUNCATED, v.status(), v.line());
        assertEquals("truncated: last good document " + (types.size() - 1) + " (not sealed)", v.line());
        assertEquals(401, v.events());
    }

    @Test
    void an_end_without_a_seal_is_truncated_at_the_end() {
        Path dir = tmp.resolve("j");
        try (RawJournal raw = RawJournal.create(dir)) {
            raw.standardRecording();
        }
        assertEquals("truncated: last good document 3 (not sealed)", JournalVerifier.verify(dir, null).line());
    }

    @Test
    void a_queue_file_cut_inside_a_block_is_truncated_before_that_block() throws Exception {
        Path dir = record(tmp.resolve("j"));
        List<DocType> types = types(dir);
        Path cq4 = RawJournal.queueFiles(dir).get(0);
        byte[] bytes = Files.readAllBytes(cq4);
        int marker = indexOf(bytes, MARKER);
        try (RandomAccessFile f = new RandomAccessFile(cq4.toFile(), "rw")) {
            f.setLength(marker + MARKER.length / 2);
        }
        Verdict v = JournalVerifier.verify(dir, SealKey.hmac(KEY));
        assertEquals(Verdict.Status.TRUNCATED, v.status(), v.line());
        assertEquals(DocType.BLOCK, types.get((int) v.document()), "the block before the cut one: " + v.line());
        assertEquals(200, v.events(), v.line());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void a_second_end_or_a_block_after_the_end_is_tampered() {
        Path twoEnds = tmp.resolve("two-ends");
        try (RawJournal raw = RawJournal.create(twoEnds)) {
            raw.standardRecording().fields(DocType.END, new Fields());
        }
        assertEquals("tampered: document 4 is a second end document", JournalVerifier.verify(twoEnds, null).line());
        Path late = tmp.resolve("late-block");
        try (RawJournal raw = RawJournal.create(late)) {
            raw.standardRecording().block(7, 1).seal(JournalSeal.none());
        }
        assertEquals("tampered: document 4 follows the end document", JournalVerifier.verify(late, null).line());
    }

    @Test
    void a_directory_without_a_journal_is_not_a_verdict_but_a_journal_error() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        JournalException e = assertThrows(JournalException.class, () -> JournalVerifier.verify(empty, null));
        assertTrue(e.getMessage().contains("holds no recording"), e.getMessage());
        assertThrows(JournalException.class, () -> JournalVerifier.verify(tmp.resolve("missing"), null));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
