package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventDecoderTest {

    @TempDir
    Path dir;

    /** One BLOCK document's framing. */
    private record Block(int thread, long firstSeq, int count, boolean chunkStart) {
    }

    /** What a journal holds per thread id: its blocks and its decoded events, rendered as text. */
    private static final class Decoded {
        final Map<Integer, List<Block>> blocks = new HashMap<>();
        final Map<Integer, List<String>> events = new HashMap<>();
    }

    private static Fields header() {
        return new Fields().put(HeaderKeys.FORMAT_VERSION, HeaderKeys.CURRENT_FORMAT).put(HeaderKeys.MAIN_CLASS, "x.Main");
    }

    private static String render(EventKind kind, int site, String value) {
        return kind.label() + "@" + site + (value == null ? "" : "=" + value);
    }

    private static String render(Event e) {
        switch (e.kind().valueType()) {
            case NONE:
                return render(e.kind(), e.site(), null);
            case LONG_DELTA:
            case LONG:
            case INT:
                return render(e.kind(), e.site(), Long.toString(e.longValue()));
            case DOUBLE:
                return render(e.kind(), e.site(), Long.toHexString(Double.doubleToRawLongBits(e.doubleValue())));
            case INSTANT:
                return render(e.kind(), e.site(), e.longValue() + "s+" + e.nanos() + "ns");
            case LONG_DELTA_COUNT:
                return render(e.kind(), e.site(), e.longValue() + "x" + e.count());
            default:
                return render(e.kind(), e.site(), e.bytes() == null ? "null" : HexFormat.of().formatHex(e.bytes()));
        }
    }

    /** Appends events to one thread's writer and remembers how each must read back. */
    private static final class Script {
        final ThreadEventWriter w;
        final List<String> expected = new ArrayList<>();
        private long nanos = 5_000_000_000L;
        private long millis = 1_700_000_000_000L;
        private long seconds = 1_700_000_000L;

        Script(ThreadEventWriter w) {
            this.w = w;
        }

        void nanos(int site, long value) {
            nanos = value;
            w.appendLong(SiteRef.of(site, EventKind.NANO_TIME), value);
            expected.add(render(EventKind.NANO_TIME, site, Long.toString(value)));
        }

        void millis(int site, long value) {
            millis = value;
            w.appendLong(SiteRef.of(site, EventKind.CLOCK_MILLIS), value);
            expected.add(render(EventKind.CLOCK_MILLIS, site, Long.toString(value)));
        }

        void seed(int site, long value) {
            w.appendLong(SiteRef.of(site, EventKind.RANDOM_SEED), value);
            expected.add(render(EventKind.RANDOM_SEED, site, Long.toString(value)));
        }

        void processors(int site, int value) {
            w.appendInt(SiteRef.of(site, EventKind.AVAILABLE_PROCESSORS), value);
            expected.add(render(EventKind.AVAILABLE_PROCESSORS, site, Long.toString(value)));
        }

        void dice(int site, double value) {
            w.appendDouble(SiteRef.of(site, EventKind.RANDOM_DOUBLE), value);
            expected.add(render(EventKind.RANDOM_DOUBLE, site, Long.toHexString(Double.doubleToRawLongBits(value))));
        }

        void instant(int site, long epochSecond, int nano) {
            seconds = epochSecond;
            w.appendInstant(SiteRef.of(site, EventKind.INSTANT), epochSecond, nano);
            expected.add(render(EventKind.INSTANT, site, epochSecond + "s+" + nano + "ns"));
        }

        void env(int site, byte[] bytes, int offset, int length) {
            w.appendBytes(SiteRef.of(site, EventKind.ENV_VAR), bytes, offset, length);
            String value = bytes == null ? "null" : HexFormat.of().formatHex(bytes, offset, offset + length);
            expected.add(render(EventKind.ENV_VAR, site, value));
        }

        /** {@code n} consecutive turns from {@code first}: one SYNC_TURN event, or one SYNC_RUN for two or more. */
        void turns(int site, int runSite, long first, int n) {
            int single = SiteRef.of(site, EventKind.SYNC_TURN);
            int run = SiteRef.of(runSite, EventKind.SYNC_RUN);
            for (int i = 0; i < n; i++) {
                w.appendRepeating(single, run, first + 4L * i, 4);
            }
            expected.add(n == 1 ? render(EventKind.SYNC_TURN, site, Long.toString(first))
                : render(EventKind.SYNC_RUN, runSite, first + "x" + n));
        }

        void threadStart(int site) {
            w.appendMarker(SiteRef.of(site, EventKind.THREAD_START));
            expected.add(render(EventKind.THREAD_START, site, null));
        }

        /** One event of a random kind, with edge values now and then. */
        void randomEvent(Random r) {
            int site = r.nextInt(8) == 0 ? SiteRef.MAX_SITE : 1 + r.nextInt(300);
            switch (r.nextInt(9)) {
                case 0:
                    nanos(site, r.nextInt(50) == 0 ? r.nextLong() : nanos + r.nextInt(1_000_000));
                    break;
                case 1:
                    millis(site, r.nextInt(50) == 0 ? Long.MIN_VALUE : millis + r.nextInt(3));
                    break;
                case 2:
                    seed(site, r.nextInt(10) == 0 ? Long.MAX_VALUE : r.nextLong());
                    break;
                case 3:
                    processors(site, r.nextInt(10) == 0 ? Integer.MIN_VALUE : r.nextInt());
                    break;
                case 4:
                    double[] odd = {Double.NaN, -0.0, Double.POSITIVE_INFINITY, Double.MIN_VALUE};
                    dice(site, r.nextInt(10) == 0 ? odd[r.nextInt(odd.length)] : r.nextDouble());
                    break;
                case 5:
                    instant(site, r.nextInt(50) == 0 ? -r.nextInt(1_000_000) : seconds + r.nextInt(2),
                        r.nextInt(1_000_000_000));
                    break;
                case 6:
                    if (r.nextInt(5) == 0) {
                        env(site, null, 0, 0);
                    } else {
                        byte[] b = new byte[r.nextInt(40) + 4];
                        r.nextBytes(b);
                        int offset = r.nextInt(4);
                        env(site, b, offset, r.nextInt(b.length - offset + 1));
                    }
                    break;
                case 7:
                    turns(site, 1 + r.nextInt(300), r.nextLong() & ~3L, r.nextInt(4) == 0 ? 1 : 2 + r.nextInt(300));
                    break;
                default:
                    threadStart(site);
                    break;
            }
        }
    }

    private Decoded readBack() {
        Decoded out = new Decoded();
        Map<Integer, EventDecoder> decoders = new HashMap<>();
        Event e = new Event();
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.readHeader();
            JournalDocument doc;
            while ((doc = reader.next()) != null) {
                if (doc.type() != DocType.BLOCK) {
                    continue;
                }
                int thread = doc.blockThread();
                out.blocks.computeIfAbsent(thread, t -> new ArrayList<>())
                    .add(new Block(thread, doc.blockFirstSeq(), doc.blockCount(), doc.blockStartsChunk()));
                EventDecoder decoder = decoders.computeIfAbsent(thread, t -> new EventDecoder());
                doc.decodeWith(decoder);
                List<String> events = out.events.computeIfAbsent(thread, t -> new ArrayList<>());
                int before = events.size();
                while (decoder.hasNext()) {
                    decoder.next(e);
                    events.add(render(e));
                }
                assertEquals(doc.blockCount(), events.size() - before, "events in block at seq " + doc.blockFirstSeq());
            }
        }
        return out;
    }

    private static void assertSameEvents(List<String> expected, List<String> actual) {
        assertEquals(expected.size(), actual.size(), "event count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "event " + i);
        }
    }

    /** Blocks of one thread follow each other without gaps, starting at 0. */
    private static void assertContiguous(List<Block> blocks, long total) {
        long next = 0;
        for (Block b : blocks) {
            assertEquals(next, b.firstSeq(), "blocks " + blocks);
            next += b.count();
        }
        assertEquals(total, next);
    }

    @Test
    void every_value_type_reads_back_across_chunk_boundaries_on_two_threads() throws Exception {
        JournalWriter writer = JournalWriter.create(dir, header(), 64 << 20, 2, t -> { });
        writer.start();
        Script[] other = new Script[1];
        Thread worker = new Thread(() -> {
            Script s = new Script(writer.openThread("main/1", Thread.currentThread()));
            Random r = new Random(2);
            for (int i = 0; i < 25_000; i++) {
                s.randomEvent(r);
            }
            other[0] = s;
        }, "worker");
        worker.start();
        Script main = new Script(writer.openThread("main", Thread.currentThread()));
        Random r = new Random(1);
        for (int i = 0; i < 25_000; i++) {
            main.randomEvent(r);
        }
        worker.join();
        writer.close();

        Decoded decoded = readBack();
        int mainId = main.w.thread().id();
        int workerId = other[0].w.thread().id();
        assertSameEvents(main.expected, decoded.events.get(mainId));
        assertSameEvents(other[0].expected, decoded.events.get(workerId));
        for (int id : new int[] {mainId, workerId}) {
            List<Block> blocks = decoded.blocks.get(id);
            assertContiguous(blocks, 25_000);
            long laterChunks = blocks.stream().filter(b -> b.chunkStart() && b.firstSeq() > 0).count();
            assertTrue(laterChunks >= 1, "25,000 events fill more than one 64 KiB chunk: " + blocks);
            assertTrue(blocks.get(0).chunkStart(), "the first block starts a chunk");
        }
    }

    /**
     * Turns wait as a run until something else is appended; a run still pending is written by the journal
     * when its thread has ended (without waiting for the close), and for a live thread when it closes.
     */
    @Test
    void a_pending_run_is_written_before_the_next_event_when_its_thread_ends_and_at_close() throws Exception {
        JournalWriter writer = JournalWriter.create(dir, header(), 64 << 20, 1, t -> { });
        writer.start();
        Script[] ended = new Script[1];
        Thread worker = new Thread(() -> {
            Script s = new Script(writer.openThread("main/1", Thread.currentThread()));
            s.turns(7, 8, 400, 5);
            s.nanos(3, 5_000);
            s.turns(7, 8, 1L << 40, 1_000);
            ended[0] = s;
        }, "worker");
        worker.start();
        worker.join();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (writer.eventsWritten() < 3) {
            assertTrue(System.nanoTime() < deadline, "the ended thread's run was not written: " + writer.eventsWritten());
            Thread.sleep(1);
        }
        Script main = new Script(writer.openThread("main", Thread.currentThread()));
        // Two objects' turns taken alternately make two runs, written in the order they started.
        for (int i = 0; i < 100; i++) {
            main.w.appendRepeating(SiteRef.of(7, EventKind.SYNC_TURN), SiteRef.of(8, EventKind.SYNC_RUN), (5L << 32) + 4 * i, 4);
            main.w.appendRepeating(SiteRef.of(7, EventKind.SYNC_TURN), SiteRef.of(8, EventKind.SYNC_RUN), (9L << 32) + 4 * i, 4);
        }
        main.expected.add("thread.sync-run@8=" + (5L << 32) + "x100");
        main.expected.add("thread.sync-run@8=" + (9L << 32) + "x100");
        main.nanos(3, 7_000);
        main.turns(7, 8, 4_000, 1);
        main.turns(7, 8, 8_000, 1);
        main.turns(7, 8, 8_008, 3);
        writer.close();

        Decoded decoded = readBack();
        assertSameEvents(ended[0].expected, decoded.events.get(ended[0].w.thread().id()));
        assertSameEvents(main.expected, decoded.events.get(main.w.thread().id()));
        assertContiguous(decoded.blocks.get(ended[0].w.thread().id()), 3);
        assertContiguous(decoded.blocks.get(main.w.thread().id()), 6);
    }

    @Test
    void delta_bases_carry_over_between_blocks_of_one_chunk_and_reset_at_the_next() throws Exception {
        JournalWriter writer = JournalWriter.create(dir, header(), 64 << 20, 1, t -> { });
        writer.start();
        Script s = new Script(writer.openThread("main", Thread.currentThread()));
        long nanos = 9_000_000_000L;
        long seconds = 1_800_000_000L;
        for (int batch = 0; batch < 12; batch++) {
            for (int i = 0; i < 2_000; i++) {
                nanos += 17 + i % 5;
                s.nanos(3, nanos);
                s.instant(4, seconds + i / 100, i);
            }
            long written = s.w.sequence();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (writer.eventsWritten() < written) {
                assertTrue(System.nanoTime() < deadline, "the writer thread wrote " + writer.eventsWritten());
                Thread.sleep(1);
            }
        }
        writer.close();

        Decoded decoded = readBack();
        int id = s.w.thread().id();
        assertSameEvents(s.expected, decoded.events.get(id));
        List<Block> blocks = decoded.blocks.get(id);
        assertContiguous(blocks, 24 * 2_000);
        assertTrue(blocks.stream().anyMatch(b -> !b.chunkStart()), "some blocks continue a chunk: " + blocks);
        assertTrue(blocks.stream().anyMatch(b -> b.chunkStart() && b.firstSeq() > 0), "a later chunk starts: " + blocks);
    }

    @Test
    void a_value_larger_than_a_chunk_reads_back_between_ordinary_events() throws Exception {
        JournalWriter writer = JournalWriter.create(dir, header(), 64 << 20, 2, t -> { });
        writer.start();
        Script s = new Script(writer.openThread("main", Thread.currentThread()));
        byte[] big = new byte[3 * JournalWriter.CHUNK_BYTES + 11];
        new Random(3).nextBytes(big);
        s.nanos(1, 100);
        s.env(2, big, 0, big.length);
        s.nanos(1, 250);
        s.env(2, big, 5, big.length - 10);
        s.nanos(1, 180);
        s.env(2, null, 0, 0);
        writer.close();

        Decoded decoded = readBack();
        int id = s.w.thread().id();
        assertSameEvents(s.expected, decoded.events.get(id));
        assertContiguous(decoded.blocks.get(id), 6);
    }

    @Test
    void an_unknown_event_kind_is_reported_as_corrupt() {
        EventDecoder decoder = new EventDecoder();
        byte[] body = {(byte) 200, 1};
        decoder.reset(body, 0, body.length, true);
        CorruptJournalException e = assertThrows(CorruptJournalException.class, () -> decoder.next(new Event()));
        assertTrue(e.getMessage().contains("unknown event kind 200"), e.getMessage());
    }

    @Test
    void an_event_cut_short_by_its_block_is_reported_as_corrupt() {
        byte[] body = new ByteSink(16).writeByte(EventKind.RANDOM_DOUBLE.code()).writeUnsigned(7)
            .writeRaw(new byte[] {1, 2, 3}, 0, 3).toByteArray();
        EventDecoder decoder = new EventDecoder();
        decoder.reset(body, 0, body.length, true);
        assertThrows(CorruptJournalException.class, () -> decoder.next(new Event()));
    }
}
