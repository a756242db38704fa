package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalWriterTest {

    /** Long enough that the writer thread only wakes when a chunk fills or the journal closes. */
    private static final long SLOW_FLUSH_MS = 10_000;
    private static final int NANO_REF = SiteRef.of(16, EventKind.NANO_TIME);

    @TempDir
    Path dir;

    private static Fields header() {
        return new Fields().put(HeaderKeys.FORMAT_VERSION, HeaderKeys.CURRENT_FORMAT).put(HeaderKeys.MAIN_CLASS, "x.Main");
    }

    private List<JournalDocument> readAll() {
        List<JournalDocument> docs = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(dir)) {
            JournalDocument doc;
            while ((doc = reader.next()) != null) {
                docs.add(doc);
            }
        }
        return docs;
    }

    private static long blockEvents(List<JournalDocument> docs) {
        return docs.stream().filter(d -> d.type() == DocType.BLOCK).mapToLong(JournalDocument::blockCount).sum();
    }

    @Test
    void running_out_of_chunk_budget_stops_recording_keeps_what_was_published_and_end_says_why() {
        JournalWriter writer = JournalWriter.create(dir, header(), JournalWriter.CHUNK_BYTES, SLOW_FLUSH_MS, t -> { });
        writer.start();
        ThreadEventWriter w = writer.openThread("main", Thread.currentThread());
        for (int i = 0; i < 40_000; i++) {
            w.appendLong(NANO_REF, 1_000L * i);
        }
        assertNotNull(writer.stopReason());
        assertTrue(writer.stopReason().contains("fell behind"), writer.stopReason());
        assertEquals(40_000, w.sequence(), "dropped events still count in the thread's sequence");
        writer.close(new Fields());

        List<JournalDocument> docs = readAll();
        Fields end = docs.get(docs.size() - 2).fields(); // END, then SEAL
        assertEquals(writer.stopReason(), end.get("recording.stopped"));
        long kept = blockEvents(docs);
        assertTrue(kept > 0 && kept < 40_000, "kept " + kept);
        assertEquals(kept, end.getLong(HeaderKeys.EVENTS, -1));
    }

    @Test
    void parts_of_a_read_bigger_than_the_buffer_wait_for_the_writer_and_all_reach_the_journal() {
        long budget = 1L << 20;
        JournalWriter writer = JournalWriter.create(dir, header(), budget, SLOW_FLUSH_MS, t -> { });
        writer.start();
        ThreadEventWriter w = writer.openThread("main", Thread.currentThread());
        int part = w.largestPart();
        assertEquals(budget / 8, part, "an eighth of the buffer when that is under 4 MiB");
        int ref = SiteRef.of(16, EventKind.FILE_READ);
        int parts = (int) (48 * budget / part); // 48 buffers' worth in one read
        byte[] bytes = new byte[part];
        CRC32C written = new CRC32C();
        for (int i = 0; i < parts; i++) {
            java.util.Arrays.fill(bytes, (byte) i);
            byte[] p = i < parts - 1 ? StreamPayloads.readPart(StreamPayloads.FILE, bytes, 0, part)
                : StreamPayloads.read(StreamPayloads.FILE, bytes, 0, part);
            written.update(p, 2, part);
            w.appendPart(ref, p, 0, p.length);
        }
        writer.close(new Fields());

        assertNull(writer.stopReason(), "the parts waited for the writer instead of stopping the recording");
        CRC32C read = new CRC32C();
        int continued = 0;
        Event e = new Event();
        EventDecoder decoder = new EventDecoder();
        for (JournalDocument doc : readAll()) {
            if (doc.type() == DocType.BLOCK) {
                doc.decodeWith(decoder);
                while (decoder.hasNext()) {
                    decoder.next(e);
                    read.update(e.bytes(), 2, e.bytes().length - 2);
                    continued += StreamPayloads.isPart(e.bytes()) ? 1 : 0;
                }
            }
        }
        assertEquals(parts - 1, continued);
        assertEquals(written.getValue(), read.getValue());
        assertTrue(StreamPayloads.describe(EventKind.FILE_READ, StreamPayloads.readPart(StreamPayloads.FILE, bytes, 0, 3))
            .startsWith("file 3 bytes, continued"));
    }

    @Test
    void a_stalled_disk_never_holds_the_recording_thread_the_recording_stops_instead() throws Exception {
        java.util.concurrent.CountDownLatch disk = new java.util.concurrent.CountDownLatch(1);
        JournalWriter writer = JournalWriter.create(dir, header(), 4L << 20, 1, t -> { });
        writer.gateEachDocument(() -> {
            try {
                disk.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        ThreadEventWriter w = writer.openThread("main", Thread.currentThread());
        for (int i = 0; i < 2_000_000; i++) { // 2 million events: far more than 4 MiB of chunks
            w.appendLong(NANO_REF, 1_000L * i);
        }
        assertNotNull(writer.stopReason(), "the appends returned with the disk stalled, and the recording stopped");
        assertTrue(writer.stopReason().contains("fell behind"), writer.stopReason());
        disk.countDown();
        writer.close(new Fields());
        long kept = blockEvents(readAll());
        assertTrue(kept > 0 && kept < 2_000_000, "kept " + kept + " events written before the stop");
    }

    @Test
    void a_journal_that_kept_up_has_no_stop_reason() {
        JournalWriter writer = JournalWriter.create(dir, header(), 64L << 20, 5, t -> { });
        writer.start();
        ThreadEventWriter w = writer.openThread("main", Thread.currentThread());
        for (int i = 0; i < 40_000; i++) {
            w.appendLong(NANO_REF, 1_000L * i);
        }
        writer.close(new Fields());

        assertNull(writer.stopReason());
        List<JournalDocument> docs = readAll();
        assertNull(docs.get(docs.size() - 2).fields().get("recording.stopped"));
        assertEquals(40_000, blockEvents(docs));
    }

    @Test
    void sites_threads_and_notes_are_written_before_the_events_that_follow_them() throws Exception {
        JournalWriter writer = JournalWriter.create(dir, header(), 64L << 20, 5, t -> { });
        writer.start();
        writer.writeSites(List.of(new CallSite(16, EventKind.NANO_TIME, "x.Main", "main", "([Ljava/lang/String;)V", 0,
            3, "Main.java")));
        writer.writeSites(List.of());
        writer.writeNote(new Fields().put("main.arg.count", 0));
        Thread worker = new Thread(() -> {
            ThreadEventWriter w = writer.openThread("main/1", Thread.currentThread());
            w.appendLong(NANO_REF, 5);
        }, "worker-7");
        worker.setDaemon(true);
        worker.start();
        worker.join();
        writer.close(new Fields());

        List<DocType> types = new ArrayList<>();
        ThreadInfo thread = null;
        for (JournalDocument doc : readAll()) {
            types.add(doc.type());
            if (doc.type() == DocType.THREAD) {
                thread = doc.thread();
            }
        }
        assertEquals(List.of(DocType.HEADER, DocType.SITES, DocType.NOTE, DocType.THREAD, DocType.BLOCK, DocType.END,
            DocType.SEAL),
            types, "an empty site list writes nothing");
        assertEquals(new ThreadInfo(1, "main/1", "worker-7", true), thread);
    }
    /**
     * Logical threads (fork-join task runs) open deferred writers: one that records nothing leaves no
     * trace; one that does gets its THREAD document with its first event, pending runs included; and an
     * ended one is written and let go while its owner thread lives on.
     */
    @Test
    void a_deferred_writer_is_registered_by_its_first_event_and_let_go_when_it_ends() {
        int turnRef = SiteRef.of(1, EventKind.SYNC_TURN);
        int runRef = SiteRef.of(1, EventKind.SYNC_RUN);
        JournalWriter writer = JournalWriter.create(dir, header(), 64L << 20, 5, t -> { });
        writer.start();
        ThreadEventWriter quiet = writer.openDeferred("main/t1", Thread.currentThread());
        quiet.end();
        assertNull(quiet.thread(), "a run without events is never registered");
        ThreadEventWriter turns = writer.openDeferred("main/t2", Thread.currentThread());
        for (int i = 0; i < 5; i++) {
            turns.appendRepeating(turnRef, runRef, 100 + i, 1); // one pending run of five
        }
        turns.end();
        ThreadEventWriter clock = writer.openDeferred("main/t3", Thread.currentThread());
        clock.appendLong(NANO_REF, 7);
        clock.end();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (writer.liveThreads().size() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(List.of(), writer.liveThreads(), "ended writers are let go though their owner runs on");
        writer.close(new Fields());

        List<String> paths = new ArrayList<>();
        for (JournalDocument doc : readAll()) {
            if (doc.type() == DocType.THREAD) {
                paths.add(doc.thread().path());
            }
        }
        assertEquals(List.of("main/t2", "main/t3"), paths);
        assertEquals(2, blockEvents(readAll()), "a run of five turns, then the clock read");
    }

    @Test
    void logical_threads_are_told_by_their_paths() {
        for (String path : List.of("main/t1", "main/t1/t12", "main/2/s3", "pool/ForkJoinPool.commonPool-worker-1#4")) {
            assertTrue(new ThreadInfo(1, path, "w", true).logical(), path);
        }
        for (String path : List.of("main", "main/1", "main/t1/2", "unattributed/t1#1", "airlock:schedule", "main/tx")) {
            assertTrue(!new ThreadInfo(1, path, "w", true).logical(), path);
        }
    }
}
