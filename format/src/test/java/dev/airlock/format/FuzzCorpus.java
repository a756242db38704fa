package dev.airlock.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Valid journal documents for {@link JournalFuzzTest} to mutate, each as the reader hands it over
 * (type byte, then body, no chain link), with the offsets of its varints (counts, lengths, values), so
 * the fuzzer can inflate exactly the fields a reader trusts. Events are encoded by a real
 * {@link ThreadEventWriter}.
 */
final class FuzzCorpus {

    /** One valid document and where its varints start. */
    record Seed(String name, byte[] doc, int[] varints) {
    }

    private final List<Seed> seeds = new ArrayList<>();

    private FuzzCorpus() {
    }

    static FuzzCorpus build(long seed) {
        FuzzCorpus c = new FuzzCorpus();
        Random r = new Random(seed);
        c.fields("header", DocType.HEADER, header());
        c.fields("end", DocType.END, new Fields().put(HeaderKeys.EXIT_CODE, 0).put(HeaderKeys.EXIT_CAUSE, "normal end")
            .put(HeaderKeys.END_MILLIS, 1_764_405_297_402L).put(HeaderKeys.STDOUT_BYTES, 412)
            .put(HeaderKeys.STDOUT_SHA256, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
            .put(HeaderKeys.EVENTS, 19).put("recording.stopped", "the journal writer fell behind"));
        c.fields("note", DocType.NOTE, new Fields().put("classpath.0.path", "/opt/app/app.jar")
            .put("classpath.0.sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            .put("classpath.0.bytes", 20161).put("main.arg.count", 2).put("main.arg.0", "-v").put("main.arg.1", "")
            .put("uncaught.0.stack", "java.lang.IllegalStateException: boom\n\tat x.Main.main(Main.java:3)"));
        c.fields("empty fields", DocType.NOTE, new Fields());
        byte[] link = new byte[DigestChain.LINK_BYTES];
        r.nextBytes(link);
        c.fields("seal", DocType.SEAL, JournalSeal.none().fields(link, 77));
        c.add("fields with nulls", DocumentCodec.document(DocType.NOTE, new ByteSink(32).writeUnsigned(2)
            .writeString(null).writeString("v").writeString("k").writeString(null).toByteArray()));
        c.sites("sites", List.of(
            new CallSite(16, EventKind.CLOCK_MILLIS, "dev.airlock.examples.ClockAndDice", "main", "([Ljava/lang/String;)V",
                0, 28, "ClockAndDice.java"),
            new CallSite(17, EventKind.NANO_TIME, "dev.airlock.examples.ClockAndDice", "main", "([Ljava/lang/String;)V",
                1, 30, "ClockAndDice.java"),
            new CallSite(18, EventKind.INSTANT, "java.time.Clock$SystemClock", "instant", "()Ljava/time/Instant;", 0, -1,
                null),
            new CallSite(SiteRef.MAX_SITE, EventKind.SECURE_RANDOM_BYTES, "sun.security.provider.NativePRNG",
                "engineNextBytes", "([B)V", 7, 1234, "NativePRNG.java"),
            new CallSite(3, EventKind.THREAD_START, "\u65e5\u672c.Cl\u00e9", "m\ud83c\udfb2", "()V", 0, 1, "")));
        c.sites("one site", List.of(new CallSite(1, EventKind.STDOUT, "x.A", "b", "()V", 0, 1, "A.java")));
        c.thread("main thread", new ThreadInfo(1, "main", "main", false));
        c.thread("pool thread", new ThreadInfo(300, "main/2/1", "pool-1-thread-1 \u2713", true));
        c.thread("unattributed thread", new ThreadInfo(Integer.MAX_VALUE, "unattributed/Finalizer#3", "", false));
        c.blocks("one event", r, 1);
        c.blocks("ten events", r, 10);
        c.blocks("two hundred events", r, 200);
        c.blocks("every kind", r, -1);
        return c;
    }

    List<Seed> seeds() {
        return seeds;
    }

    private static Fields header() {
        Fields h = new Fields().put(HeaderKeys.FORMAT_VERSION, HeaderKeys.CURRENT_FORMAT)
            .put(HeaderKeys.AIRLOCK_VERSION, "0.1.0-SNAPSHOT").put(HeaderKeys.RECORDING_ID, "3f1c2a7e-0d2b-4c55-9a51")
            .put(HeaderKeys.START_MILLIS, 1_764_405_297_000L).put(HeaderKeys.JAVA_VERSION, "17.0.13")
            .put(HeaderKeys.JAVA_HOME, "/usr/lib/jvm/java-17").put(HeaderKeys.MAIN_CLASS, "dev.airlock.examples.ClockAndDice")
            .put(HeaderKeys.JVM_ARG + 0, "-javaagent:/x/airlock-recorder.jar=journal=/tmp/j").put(HeaderKeys.JVM_ARG + 1, "-Xmx64m")
            .put(HeaderKeys.MAIN_ARG + 0, "2").put(HeaderKeys.MAIN_ARG + 1, "h\u00e9llo \ud83c\udfb2")
            .put(HeaderKeys.CLASS_PATH, "/x/examples.jar:/x/lib/*").put(HeaderKeys.WORKING_DIR, "/work")
            .put(HeaderKeys.TIME_ZONE, "Europe/Berlin").put(HeaderKeys.LOCALE, "de-DE").put(HeaderKeys.CHARSET, "UTF-8")
            .put(HeaderKeys.HOST, "sealed-01").put(HeaderKeys.USER, "ops").put(HeaderKeys.PID, 4711);
        return h;
    }

    private void add(String name, byte[] doc) {
        seeds.add(new Seed(name, doc, VarintMap.of(doc)));
    }

    private void fields(String name, DocType type, Fields fields) {
        add(name, DocumentCodec.document(type, fields.encode()));
    }

    private void sites(String name, List<CallSite> sites) {
        add(name, DocumentCodec.document(DocType.SITES, DocumentCodec.encodeSites(sites)));
    }

    private void thread(String name, ThreadInfo thread) {
        add(name, DocumentCodec.document(DocType.THREAD, DocumentCodec.encodeThread(thread)));
    }

    /**
     * Encodes {@code count} random events ({@code -1}: one of every kind) with a real writer and adds the
     * whole run as a chunk-starting block, and, when there are several, its second half as a
     * continuation block.
     */
    private void blocks(String name, Random r, int count) {
        EventChunk chunk = new EventChunk(1 << 20);
        ThreadEventWriter w = new ThreadEventWriter(null, "main", Thread.currentThread());
        w.registered(new ThreadInfo(1, "main", "main", false), chunk);
        EventKind[] kinds = EventKind.values();
        int n = count < 0 ? kinds.length : count;
        int half = n / 2;
        int halfLimit = 0;
        for (int i = 0; i < n; i++) {
            if (i == half) {
                halfLimit = EventChunk.limit(chunk.published());
            }
            append(w, count < 0 ? kinds[i] : kinds[r.nextInt(kinds.length)], r);
        }
        int limit = EventChunk.limit(chunk.published());
        add(name + " block", block(1, 0, n, true, chunk.data, 0, limit));
        if (half > 0) {
            add(name + " continuation block", block(7, half, n - half, false, chunk.data, halfLimit, limit - halfLimit));
        }
    }

    private static byte[] block(int thread, long firstSeq, int count, boolean chunkStart, byte[] events, int off, int len) {
        return new ByteSink(32 + len).writeByte(DocType.BLOCK.code()).writeUnsigned(thread).writeUnsigned(firstSeq)
            .writeUnsigned(count).writeByte(chunkStart ? DocumentCodec.BLOCK_CHUNK_START : 0)
            .writeRaw(events, off, len).toByteArray();
    }

    private static void append(ThreadEventWriter w, EventKind kind, Random r) {
        int ref = SiteRef.of(r.nextInt(4) == 0 ? SiteRef.MAX_SITE : 1 + r.nextInt(500), kind);
        switch (kind.valueType()) {
            case NONE:
                w.appendMarker(ref);
                break;
            case LONG_DELTA:
                w.appendLong(ref, r.nextInt(8) == 0 ? r.nextLong() : 1_764_405_297_402L + r.nextInt(1000));
                break;
            case LONG:
                w.appendLong(ref, r.nextLong());
                break;
            case INT:
                w.appendInt(ref, r.nextInt());
                break;
            case DOUBLE:
                w.appendDouble(ref, r.nextDouble());
                break;
            case INSTANT:
                w.appendInstant(ref, 1_764_405_297L + r.nextInt(5), r.nextInt(1_000_000_000));
                break;
            case LONG_DELTA_COUNT: {
                long first = r.nextLong() & ~3L;
                int single = SiteRef.of(1 + r.nextInt(500), EventKind.SYNC_TURN);
                for (int i = 2 + r.nextInt(40); i > 0; i--) {
                    w.appendRepeating(single, ref, first, 4);
                    first += 4;
                }
                break;
            }
            default:
                if (r.nextInt(6) == 0) {
                    w.appendBytes(ref, null, 0, 0);
                } else {
                    byte[] b = r.nextBoolean() ? "HOME=/root\n".getBytes(StandardCharsets.UTF_8) : new byte[r.nextInt(300)];
                    if (b.length > 11) {
                        r.nextBytes(b);
                    }
                    w.appendBytes(ref, b, 0, b.length);
                }
                break;
        }
    }

    /** Finds the varints of a valid document by walking it as its type's decoder would. */
    private static final class VarintMap {
        private final byte[] doc;
        private final Varints.Reader in = new Varints.Reader();
        private final List<Integer> offsets = new ArrayList<>();

        private VarintMap(byte[] doc) {
            this.doc = doc;
            in.reset(doc, 1, doc.length);
        }

        static int[] of(byte[] doc) {
            VarintMap m = new VarintMap(doc);
            m.walk(DocType.ofCode(doc[0]));
            return m.offsets.stream().mapToInt(Integer::intValue).toArray();
        }

        private void walk(DocType type) {
            switch (type) {
                case SITES:
                    for (long i = 0, n = uv(); i < n; i++) {
                        uv();
                        in.readByte();
                        str();
                        str();
                        str();
                        uv();
                        sv();
                        str();
                    }
                    break;
                case THREAD:
                    uv();
                    str();
                    str();
                    in.readByte();
                    break;
                case BLOCK:
                    uv();
                    uv();
                    uv();
                    in.readByte();
                    while (in.hasMore()) {
                        event();
                    }
                    break;
                default:
                    for (long i = 0, n = uv(); i < 2 * n; i++) {
                        str();
                    }
                    break;
            }
        }

        private void event() {
            EventKind kind = EventKind.ofCode(in.readByte());
            uv();
            switch (kind.valueType()) {
                case NONE:
                    break;
                case DOUBLE:
                    in.readFixedLong();
                    break;
                case INSTANT:
                case LONG_DELTA_COUNT:
                    sv();
                    uv();
                    break;
                case BYTES:
                    str();
                    break;
                default:
                    sv();
                    break;
            }
        }

        private long uv() {
            offsets.add(in.position());
            return in.readUnsigned();
        }

        private long sv() {
            offsets.add(in.position());
            return in.readSigned();
        }

        private void str() {
            long length = sv();
            if (length > 0) {
                in.reset(doc, in.position() + (int) length, doc.length);
            }
        }
    }
}
