package dev.airlock.format;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Writes one journal. Threads append events to their own {@link ThreadEventWriter}; a single writer
 * thread ("airlock-journal-writer") owns the Chronicle appender, links every document into the
 * {@link DigestChain}, and writes what threads published at every flush interval. Application threads
 * never wait for the disk: when the writer falls so far behind that the chunk budget is spent, the
 * recording stops (the end document says so) and the application runs on.
 */
public final class JournalWriter implements AutoCloseable {

    /** Chunk size for ordinary events; a single larger event gets a chunk of its own size. */
    public static final int CHUNK_BYTES = 64 * 1024;
    private static final int MAX_PART = 4 << 20;
    private static final long PART_PATIENCE_NANOS = 10_000_000_000L;

    private final QueueDocumentSink sink;
    private final DigestChain chain = new DigestChain();
    private final Queue<byte[]> control = new ConcurrentLinkedQueue<>();
    private final Queue<Object[]> fullChunks = new ConcurrentLinkedQueue<>();
    private final Queue<EventChunk> freeChunks = new ConcurrentLinkedQueue<>();
    private final List<ThreadEventWriter> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextThreadId = new AtomicInteger(1);
    private final AtomicLong chunkBytes = new AtomicLong();
    private final AtomicLong documents = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong eventsWritten = new AtomicLong();
    private final long chunkBudget;
    private final long flushNanos;
    private final Thread writerThread;
    private final Consumer<Throwable> onFailure;
    private final ByteSink blockHead = new ByteSink(64);
    private final ByteSink runEvents = new ByteSink(128);
    private final long[] runDeltaBase = new long[256];
    /** Encrypts every document but HEADER and SEAL at rest; null when the journal is not encrypted. */
    private DocumentCipher cipher;
    private volatile boolean closing;
    private volatile String stopReason;
    /** Runs before each document is stored; a stand-in for a slow or stalled disk in benchmarks and tests. */
    private volatile Runnable beforeStore = () -> { };

    private JournalWriter(QueueDocumentSink sink, long chunkBudget, long flushNanos, Consumer<Throwable> onFailure) {
        this.sink = sink;
        this.chunkBudget = chunkBudget;
        this.flushNanos = flushNanos;
        this.onFailure = onFailure;
        this.writerThread = new Thread(this::run, "airlock-journal-writer");
        writerThread.setDaemon(true);
    }

    /**
     * Creates the journal in {@code dir} (made if missing; must not hold a journal yet) and writes its
     * header. The writer thread is started by {@link #start}, so the caller decides which thread
     * group and context it inherits.
     */
    public static JournalWriter create(Path dir, Fields header, long chunkBudget, long flushMillis,
                                       Consumer<Throwable> onFailure) {
        JournalFiles.prepareNew(dir);
        ChronicleSettings.apply();
        QueueDocumentSink sink = QueueDocumentSink.open(JournalFiles.queueDir(dir));
        JournalWriter writer = new JournalWriter(sink, chunkBudget, flushMillis * 1_000_000L, onFailure);
        writer.control.add(DocumentCodec.document(DocType.HEADER, header.encode()));
        return writer;
    }

    public Thread start() {
        writerThread.start();
        return writerThread;
    }

    public Thread writerThread() {
        return writerThread;
    }

    /** Registers the calling thread's writer; its THREAD document precedes all its events. */
    public ThreadEventWriter openThread(String path, Thread owner) {
        ThreadEventWriter w = new ThreadEventWriter(this, path, owner);
        register(w);
        return w;
    }

    /**
     * A writer for a short-lived logical thread (a fork-join task's run) on the calling thread: it takes a
     * chunk, and its THREAD document is written, only when its first event is (most such runs have none),
     * and it is let go at {@link ThreadEventWriter#end}, though its owner lives on.
     */
    public ThreadEventWriter openDeferred(String path, Thread owner) {
        return new ThreadEventWriter(this, path, owner);
    }

    /** Numbers the writer's thread, queues its THREAD document and gives it its first chunk. */
    void register(ThreadEventWriter w) {
        ThreadInfo info = new ThreadInfo(nextThreadId.getAndIncrement(), w.path, w.owner.getName(), w.owner.isDaemon());
        control.add(DocumentCodec.document(DocType.THREAD, DocumentCodec.encodeThread(info)));
        EventChunk first = chunkFor(0);
        if (first == null) {
            first = new EventChunk(0);
        }
        w.registered(info, first);
        threads.add(w);
    }

    /**
     * A stream that is not one thread's but is written by one thread at a time, handed over with
     * happens-before by its users (the serial scheduler's turn): its chunks belong to the writer thread,
     * which outlives every application thread.
     */
    public ThreadEventWriter openShared(String path) {
        return openThread(path, writerThread);
    }

    /** Call sites found while rewriting one class; written before any event that names them. */
    public void writeSites(List<CallSite> sites) {
        if (!sites.isEmpty()) {
            control.add(DocumentCodec.document(DocType.SITES, DocumentCodec.encodeSites(sites)));
        }
    }

    /** A free-form document (for example the classpath digests computed after start). */
    public void writeNote(Fields note) {
        control.add(DocumentCodec.document(DocType.NOTE, note.encode()));
    }

    /** Why recording stopped early, or null while it runs. */
    public String stopReason() {
        return stopReason;
    }

    public long documentsWritten() {
        return documents.get();
    }

    /** Events that reached the queue so far. */
    public long eventsWritten() {
        return eventsWritten.get();
    }

    public long bytesWritten() {
        return bytesWritten.get();
    }

    EventChunk chunkFor(int eventBytes) {
        if (eventBytes <= CHUNK_BYTES) {
            EventChunk c = freeChunks.poll();
            if (c != null) {
                return c;
            }
        }
        int size = Math.max(CHUNK_BYTES, eventBytes);
        if (chunkBytes.addAndGet(size) > chunkBudget) {
            chunkBytes.addAndGet(-size);
            stop("the journal writer fell behind: " + (chunkBudget >> 20) + " MiB of events waited for the disk");
            return null;
        }
        return new EventChunk(size);
    }

    /**
     * The largest part of a read too big for one event ({@link ThreadEventWriter#appendPart}): an eighth
     * of the chunk budget, at most 4 MiB, so several parts are in flight (in half the budget) while the
     * writer drains them.
     */
    public int largestPart() {
        return (int) Math.max(4096, Math.min(MAX_PART, chunkBudget / 8));
    }

    /**
     * A chunk for one part of a big read. While half the budget is spent the calling thread waits for
     * the writer to free some, as the read it records waited for its data; it never waits once the recording
     * has stopped, and stops it when the writer frees nothing for {@link #PART_PATIENCE_NANOS}. The wait
     * spins and yields, so the thread stays runnable and a scheduler never takes it for blocked.
     */
    EventChunk chunkForPart(int eventBytes) {
        int size = Math.max(CHUNK_BYTES, eventBytes);
        long freed = chunkBytes.get();
        long since = System.nanoTime();
        while (stopReason == null && !closing) {
            long now = chunkBytes.get();
            // Parts take at most half the budget, and reserve it without ever overshooting, so the
            // other threads' chunks still find room while a big read drains.
            if (now + size <= chunkBudget / 2) {
                if (chunkBytes.compareAndSet(now, now + size)) {
                    return new EventChunk(size);
                }
                continue;
            }
            if (now < freed) {
                freed = now;
                since = System.nanoTime();
            } else if (System.nanoTime() - since > PART_PATIENCE_NANOS) {
                stop("the journal writer fell behind: a big read's parts waited " + (PART_PATIENCE_NANOS / 1_000_000_000L)
                    + " s for the disk");
                return null;
            }
            LockSupport.unpark(writerThread);
            Thread.yield();
        }
        return null;
    }

    void submitFull(ThreadEventWriter owner, EventChunk chunk) {
        fullChunks.add(new Object[] {owner, chunk});
        LockSupport.unpark(writerThread);
    }

    private void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    private void run() {
        try {
            while (!closing) {
                drain(false);
                LockSupport.parkNanos(flushNanos);
            }
        } catch (Throwable t) {
            stop("the journal writer failed: " + t);
            onFailure.accept(t);
        }
    }

    /**
     * Writes everything published so far. Writer thread only (or the closing thread after it ended).
     * Positions are taken before the control documents are written, so every event written in this
     * round had its THREAD and SITES documents queued, and written, before it. A thread's pending run
     * (see {@link ThreadEventWriter#appendRepeating}) is written once the thread has ended, and in the
     * {@code last} round, when the journal closes, of every thread.
     */
    private void drain(boolean last) {
        List<Object[]> full = new ArrayList<>();
        Object[] f;
        while ((f = fullChunks.poll()) != null) {
            full.add(f);
        }
        List<ThreadEventWriter> writers = new ArrayList<>(threads);
        EventChunk[] chunks = new EventChunk[writers.size()];
        long[] published = new long[writers.size()];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = writers.get(i).current;
            published[i] = chunks[i].published();
        }
        byte[] doc;
        while ((doc = control.poll()) != null) {
            append(doc, 0, doc.length);
        }
        for (Object[] entry : full) {
            EventChunk c = (EventChunk) entry[1];
            writeBlock((ThreadEventWriter) entry[0], c, c.published());
            recycle(c);
        }
        for (int i = 0; i < chunks.length; i++) {
            ThreadEventWriter w = writers.get(i);
            writeBlock(w, chunks[i], published[i]);
            boolean ended = w.ended();
            if (ended || last) {
                writePendingRuns(w, ended);
            }
            if (ended && w.current == chunks[i] && w.writtenSeq == w.sequence()) {
                // The owner has ended: nothing writes this chunk any more, so it can serve another thread.
                threads.remove(w);
                recycle(chunks[i]);
            }
        }
    }

    /**
     * Writes the thread's pending runs as a block of their own, when they come right after what was
     * written (else the owner has moved on since, and they are in its chunk). An ended owner's runs then
     * count as appended, so the writer can go.
     */
    private void writePendingRuns(ThreadEventWriter w, boolean ended) {
        long[] runs = w.pendingRuns();
        if (runs == null || runs[0] != w.writtenSeq) {
            return;
        }
        int n = (int) runs[1];
        ByteSink events = runEvents;
        events.reset();
        // A chunk start: the reader decodes the first value of each kind against none before it.
        java.util.Arrays.fill(runDeltaBase, 0L);
        for (int i = 0; i < n; i++) {
            long count = runs[5 + 4 * i];
            int ref = (int) (count == 1 ? runs[2 + 4 * i] : runs[3 + 4 * i]);
            int kind = SiteRef.kindCode(ref);
            long value = runs[4 + 4 * i];
            events.writeByte(kind).writeUnsigned(SiteRef.site(ref)).writeSigned(value - runDeltaBase[kind]);
            runDeltaBase[kind] = value;
            if (count > 1) {
                events.writeUnsigned(count);
            }
        }
        ByteSink head = blockHead;
        head.reset();
        head.writeByte(DocType.BLOCK.code());
        head.writeUnsigned(w.thread.id());
        head.writeUnsigned(runs[0]);
        head.writeUnsigned(n);
        head.writeByte(DocumentCodec.BLOCK_CHUNK_START);
        appendBlock(head, events.buffer(), 0, events.size());
        w.writtenSeq += n;
        eventsWritten.addAndGet(n);
        if (ended) {
            w.runsWrittenByJournal(n);
        }
    }

    private void recycle(EventChunk c) {
        if (c.data.length == CHUNK_BYTES) {
            freeChunks.add(c);
        } else {
            chunkBytes.addAndGet(-c.data.length);
        }
    }

    private void writeBlock(ThreadEventWriter w, EventChunk c, long published) {
        int count = EventChunk.count(published);
        int limit = EventChunk.limit(published);
        if (count == c.flushedCount || c.firstSeq + c.flushedCount != w.writtenSeq) {
            return;
        }
        ByteSink head = blockHead;
        head.reset();
        head.writeByte(DocType.BLOCK.code());
        head.writeUnsigned(w.thread.id());
        head.writeUnsigned(c.firstSeq + c.flushedCount);
        head.writeUnsigned(count - c.flushedCount);
        head.writeByte(c.flushedCount == 0 ? DocumentCodec.BLOCK_CHUNK_START : 0);
        appendBlock(head, c.data, c.flushedLimit, limit - c.flushedLimit);
        w.writtenSeq += count - c.flushedCount;
        eventsWritten.addAndGet(count - c.flushedCount);
        c.flushedCount = count;
        c.flushedLimit = limit;
    }

    /**
     * Encrypts every document written after this call (all but HEADER and SEAL) with {@code cipher}; the
     * header, written first, must name the cipher and key (see {@link DocumentCipher}). Call before
     * {@link #start}.
     */
    public JournalWriter encryptWith(DocumentCipher cipher) {
        this.cipher = cipher;
        return this;
    }

    /**
     * Runs {@code gate} on the thread that stores documents before each one: benchmarks and tests hold
     * it there to stand in for a slow or a stalled disk. Recording never calls this.
     */
    public JournalWriter gateEachDocument(Runnable gate) {
        this.beforeStore = gate;
        return this;
    }

    private boolean encrypts(byte type) {
        return cipher != null && type != DocType.HEADER.code() && type != DocType.SEAL.code();
    }

    private void append(byte[] body, int off, int len) {
        if (encrypts(body[off])) {
            byte[] stored = cipher.encrypt(body, off, len, null, 0, 0);
            store(stored, 0, stored.length);
        } else {
            store(body, off, len);
        }
    }

    /** Links a document as it is stored into the chain and writes it. */
    private void store(byte[] doc, int off, int len) {
        beforeStore.run();
        byte[] link = chain.next(doc, off, len);
        sink.write(doc, off, len, null, 0, 0, link);
        documents.incrementAndGet();
        bytesWritten.addAndGet(len + DigestChain.LINK_BYTES);
    }

    private void appendBlock(ByteSink head, byte[] events, int off, int len) {
        byte[] headBytes = head.buffer();
        int headLen = head.size();
        if (encrypts(headBytes[0])) {
            byte[] stored = cipher.encrypt(headBytes, 0, headLen, events, off, len);
            store(stored, 0, stored.length);
            return;
        }
        beforeStore.run();
        byte[] link = chain.nextOfTwo(headBytes, headLen, events, off, len);
        sink.write(headBytes, 0, headLen, events, off, len, link);
        documents.incrementAndGet();
        bytesWritten.addAndGet(headLen + len + DigestChain.LINK_BYTES);
    }

    /**
     * Stops the writer thread, writes what every thread published, then the end document and a SEAL
     * without a key ({@link JournalSeal#none()}), and closes the queue. Events appended after this are
     * dropped.
     */
    public void close(Fields end) {
        close(end, JournalSeal.none());
    }

    /**
     * Like {@link #close(Fields)}, then seals the journal: a SEAL document after END with END's chain
     * link, the number of documents before the SEAL and, unless {@code seal} is {@code none}, its MAC or
     * signature over that link. A failing signature leaves END as the last document (the journal then
     * verifies as truncated) and is thrown as a {@link JournalException}.
     */
    public void close(Fields end, JournalSeal seal) {
        closing = true;
        LockSupport.unpark(writerThread);
        try {
            writerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            drain(true);
            if (stopReason != null) {
                end.put("recording.stopped", stopReason);
            }
            end.put(HeaderKeys.EVENTS, eventsWritten.get());
            end.put("documents", documents.get() + 1);
            byte[] body = DocumentCodec.document(DocType.END, end.encode());
            append(body, 0, body.length);
            byte[] sealBody = DocumentCodec.document(DocType.SEAL, seal.fields(chain.link(), documents.get()).encode());
            append(sealBody, 0, sealBody.length);
        } finally {
            sink.close();
        }
    }

    @Override
    public void close() {
        close(new Fields());
    }

    /** Thread writers still registered, for status displays. */
    public List<ThreadInfo> liveThreads() {
        List<ThreadInfo> out = new ArrayList<>();
        for (ThreadEventWriter w : threads) {
            out.add(w.thread);
        }
        return out;
    }
}
