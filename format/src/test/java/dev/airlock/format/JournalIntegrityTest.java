package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalIntegrityTest {

    private static final long FLUSH_MS = 5;
    private static final CallSite NANO_SITE = new CallSite(16, EventKind.NANO_TIME, "x.Main", "main",
        "([Ljava/lang/String;)V", 0, 12, "Main.java");
    private static final CallSite ENV_SITE = new CallSite(17, EventKind.ENV_VAR, "x.Main", "home",
        "()Ljava/lang/String;", 0, 30, "Main.java");
    private static final int NANO_REF = SiteRef.of(NANO_SITE.id(), EventKind.NANO_TIME);
    private static final int ENV_REF = SiteRef.of(ENV_SITE.id(), EventKind.ENV_VAR);
    private static final byte[] MARKER = "MARKER-PAYLOAD".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private static Fields header() {
        return new Fields().put(HeaderKeys.FORMAT_VERSION, HeaderKeys.CURRENT_FORMAT).put(HeaderKeys.MAIN_CLASS, "x.Main");
    }

    /** Header, sites, one thread: 50 nanos, the marker as an env value, 50 more nanos; then END. */
    private void writeClosedJournal(Path journal) throws InterruptedException {
        JournalWriter writer = JournalWriter.create(journal, header(), 64 << 20, FLUSH_MS, t -> { });
        writer.start();
        writer.writeSites(List.of(NANO_SITE, ENV_SITE));
        ThreadEventWriter w = writer.openThread("main", Thread.currentThread());
        for (int i = 0; i < 50; i++) {
            w.appendLong(NANO_REF, 1_000 + i);
        }
        awaitWritten(writer, 50);
        w.appendBytes(ENV_REF, MARKER, 0, MARKER.length);
        for (int i = 0; i < 50; i++) {
            w.appendLong(NANO_REF, 2_000 + i);
        }
        writer.close(new Fields().put(HeaderKeys.EXIT_CODE, 0));
    }

    private static void awaitWritten(JournalWriter writer, long events) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (writer.eventsWritten() < events) {
            assertTrue(System.nanoTime() < deadline, "the writer thread wrote " + writer.eventsWritten() + " events");
            Thread.sleep(1);
        }
    }

    private static List<JournalDocument> readAll(Path journal) {
        List<JournalDocument> docs = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journal)) {
            JournalDocument doc;
            while ((doc = reader.next()) != null) {
                docs.add(doc);
            }
        }
        return docs;
    }

    /** Position of the BLOCK whose events hold the marker. */
    private static int markerDocument(List<JournalDocument> docs) {
        EventDecoder decoder = new EventDecoder();
        Event e = new Event();
        for (int i = 0; i < docs.size(); i++) {
            JournalDocument doc = docs.get(i);
            if (doc.type() != DocType.BLOCK) {
                continue;
            }
            doc.decodeWith(decoder);
            while (decoder.hasNext()) {
                decoder.next(e);
                if (e.kind() == EventKind.ENV_VAR && Arrays.equals(MARKER, e.bytes())) {
                    return i;
                }
            }
        }
        throw new AssertionError("no block holds the marker");
    }

    private static List<Path> queueFiles(Path journal) throws IOException {
        try (Stream<Path> files = Files.list(JournalFiles.queueDir(journal))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
    }

    /** Flips one byte in the middle of the only occurrence of the marker in the queue files. */
    private static void flipMarkerByte(Path journal) throws IOException {
        Path found = null;
        long offset = -1;
        for (Path file : queueFiles(journal)) {
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i + MARKER.length <= bytes.length; i++) {
                if (Arrays.equals(bytes, i, i + MARKER.length, MARKER, 0, MARKER.length)) {
                    assertEquals(null, found, "the marker occurs more than once");
                    found = file;
                    offset = i;
                }
            }
        }
        assertNotNull(found, "the marker is not in the queue files");
        try (RandomAccessFile raf = new RandomAccessFile(found.toFile(), "rw")) {
            raf.seek(offset + MARKER.length / 2);
            int b = raf.read();
            raf.seek(offset + MARKER.length / 2);
            raf.write(b ^ 0x01);
        }
    }

    @Test
    void an_unmodified_journal_reads_through_and_ends_with_exactly_one_end_and_its_seal() throws Exception {
        writeClosedJournal(dir);
        List<JournalDocument> docs = readAll(dir);

        assertEquals(DocType.HEADER, docs.get(0).type());
        assertEquals(1, docs.stream().filter(d -> d.type() == DocType.END).count());
        assertEquals(DocType.SEAL, docs.get(docs.size() - 1).type(), "a closed journal ends with its seal");
        JournalDocument last = docs.get(docs.size() - 2);
        assertEquals(DocType.END, last.type());
        Fields end = last.fields();
        assertEquals("0", end.get(HeaderKeys.EXIT_CODE));
        assertEquals(docs.size() - 1, end.getLong("documents", -1));
        long blockEvents = docs.stream().filter(d -> d.type() == DocType.BLOCK).mapToLong(JournalDocument::blockCount)
            .sum();
        assertEquals(101, blockEvents);
        assertEquals(101, end.getLong(HeaderKeys.EVENTS, -1));
    }

    @Test
    void a_byte_flipped_inside_an_event_payload_is_reported_as_tampering_at_that_document() throws Exception {
        writeClosedJournal(dir);
        int markerDoc = markerDocument(readAll(dir));
        assertTrue(markerDoc > 0);

        flipMarkerByte(dir);

        List<DocType> readBefore = new ArrayList<>();
        TamperedJournalException e;
        try (JournalReader reader = JournalReader.open(dir)) {
            e = assertThrows(TamperedJournalException.class, () -> {
                JournalDocument doc;
                while ((doc = reader.next()) != null) {
                    readBefore.add(doc.type());
                }
            });
        }
        assertEquals(markerDoc, e.document());
        assertEquals(markerDoc, readBefore.size());
        assertTrue(e.getMessage().contains("document " + markerDoc + " "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void a_journal_whose_writer_was_never_closed_reads_back_every_flushed_event_and_has_no_end() throws Exception {
        Path live = dir.resolve("live");
        Path killed = dir.resolve("killed");
        JournalWriter writer = JournalWriter.create(live, header(), 64 << 20, FLUSH_MS, t -> { });
        try {
            writer.start();
            writer.writeSites(List.of(NANO_SITE));
            ThreadEventWriter w = writer.openThread("main", Thread.currentThread());
            for (int i = 0; i < 1_000; i++) {
                w.appendLong(NANO_REF, 7_000_000L + 3L * i);
            }
            awaitWritten(writer, 1_000);
            Thread.sleep(4 * FLUSH_MS);
            // What a killed process leaves behind: the queue files as they are, with no END.
            copyTree(JournalFiles.queueDir(live), JournalFiles.queueDir(killed));
        } finally {
            writer.close();
        }

        List<Long> values = new ArrayList<>();
        List<JournalDocument> docs = readAll(killed);
        EventDecoder decoder = new EventDecoder();
        Event e = new Event();
        for (JournalDocument doc : docs) {
            assertFalse(doc.type() == DocType.END, "a journal cut short has no END");
            if (doc.type() == DocType.BLOCK) {
                doc.decodeWith(decoder);
                while (decoder.hasNext()) {
                    decoder.next(e);
                    values.add(e.longValue());
                }
            }
        }
        assertEquals(DocType.HEADER, docs.get(0).type());
        assertEquals(1_000, values.size());
        for (int i = 0; i < values.size(); i++) {
            assertEquals(7_000_000L + 3L * i, values.get(i));
        }
    }

    @Test
    void the_chain_links_each_document_to_all_before_it() {
        byte[] first = {1, 2, 3};
        byte[] second = {4, 5};
        DigestChain a = new DigestChain();
        byte[] a1 = a.next(first, 0, 3).clone();
        byte[] a2 = a.next(second, 0, 2).clone();

        DigestChain b = new DigestChain();
        b.next(new byte[] {1, 2, 4}, 0, 3);
        byte[] b2 = b.next(second, 0, 2).clone();
        assertFalse(Arrays.equals(a2, b2), "a changed earlier document changes every later link");

        DigestChain split = new DigestChain();
        assertArrayEquals(a1, split.nextOfTwo(new byte[] {1, 9}, 1, new byte[] {0, 2, 3}, 1, 2));
        assertArrayEquals(a2, split.next(new byte[] {0, 4, 5, 0}, 1, 2));
        assertArrayEquals(a2, split.link());
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
