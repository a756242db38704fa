package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRoundTripTest {

    @TempDir
    Path dir;

    private static Fields header() {
        return new Fields().put(HeaderKeys.FORMAT_VERSION, HeaderKeys.CURRENT_FORMAT).put(HeaderKeys.MAIN_CLASS, "x.Main");
    }

    @Test
    void events_written_by_a_thread_read_back_in_order_with_their_values() {
        JournalWriter writer = JournalWriter.create(dir, header(), 64 << 20, 5, t -> { });
        writer.start();
        writer.writeSites(List.of(new CallSite(1, EventKind.NANO_TIME, "x.Main", "main", "([Ljava/lang/String;)V", 0, 12, "Main.java")));
        ThreadEventWriter w = writer.openThread("main", Thread.currentThread());
        int nanoRef = SiteRef.of(1, EventKind.NANO_TIME);
        long base = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            w.appendLong(nanoRef, base + i * 37L);
        }
        w.appendDouble(SiteRef.of(1, EventKind.RANDOM_DOUBLE), 0.25);
        w.appendBytes(SiteRef.of(1, EventKind.ENV_VAR), null, 0, 0);
        w.appendBytes(SiteRef.of(1, EventKind.ENV_VAR), "abc".getBytes(), 0, 3);
        w.appendInstant(SiteRef.of(1, EventKind.INSTANT), 1_700_000_000L, 123);
        writer.close(new Fields().put(HeaderKeys.EXIT_CODE, 0));

        List<Long> values = new ArrayList<>();
        Event e = new Event();
        EventDecoder decoder = new EventDecoder();
        Fields end = null;
        long lastSeq = -1;
        try (JournalReader reader = JournalReader.open(dir)) {
            assertEquals("x.Main", reader.readHeader().get(HeaderKeys.MAIN_CLASS));
            JournalDocument doc;
            List<Object> tail = new ArrayList<>();
            while ((doc = reader.next()) != null) {
                if (doc.type() == DocType.BLOCK) {
                    assertEquals(lastSeq + 1, doc.blockFirstSeq());
                    lastSeq = doc.blockFirstSeq() + doc.blockCount() - 1;
                    doc.decodeWith(decoder);
                    while (decoder.hasNext()) {
                        decoder.next(e);
                        if (e.kind() == EventKind.NANO_TIME) {
                            values.add(e.longValue());
                        } else {
                            tail.add(e.describeValue());
                        }
                    }
                } else if (doc.type() == DocType.END) {
                    end = doc.fields();
                }
            }
            assertEquals(List.of("0.25", "null", "3 bytes \"abc\"", "2023-11-14T22:13:20.000000123Z"), tail);
        }
        assertEquals(100_000, values.size());
        for (int i = 0; i < values.size(); i++) {
            assertEquals(base + i * 37L, values.get(i));
        }
        assertNotNull(end);
        assertEquals("0", end.get(HeaderKeys.EXIT_CODE));
        assertNull(end.get("recording.stopped"));
    }

    @Test
    void a_time_event_takes_a_few_bytes() {
        JournalWriter writer = JournalWriter.create(dir, header(), 64 << 20, 5, t -> { });
        writer.start();
        ThreadEventWriter w = writer.openThread("main", Thread.currentThread());
        int ref = SiteRef.of(300, EventKind.NANO_TIME);
        long t = System.nanoTime();
        for (int i = 0; i < 1_000_000; i++) {
            t += 25 + (i % 7);
            w.appendLong(ref, t);
        }
        writer.close(new Fields());
        assertTrue(writer.bytesWritten() < 6_000_000, "bytes: " + writer.bytesWritten());
    }

    @Test
    void a_missing_journal_is_named_in_one_line() {
        JournalException e = assertThrows(JournalException.class, () -> JournalReader.open(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        JournalException empty = assertThrows(JournalException.class, () -> JournalReader.open(dir));
        assertTrue(empty.getMessage().contains("holds no recording"), empty.getMessage());
    }

    @Test
    void a_directory_with_a_recording_is_not_overwritten() {
        JournalWriter writer = JournalWriter.create(dir, header(), 64 << 20, 5, t -> { });
        writer.start();
        writer.close(new Fields());
        assertThrows(JournalException.class, () -> JournalWriter.create(dir, header(), 64 << 20, 5, t -> { }));
    }
}
