package dev.airlock.format;

import java.nio.file.Path;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The Chronicle Queue under a journal: appends one document per call. Used by one thread at a time
 * (the journal's writer thread), as Chronicle appenders require.
 */
final class QueueDocumentSink implements AutoCloseable {

    /** Memory-mapped block size; small, since a journal grows at most a few MB a second. */
    static final long BLOCK_SIZE = 4L << 20;

    private final ChronicleQueue queue;
    private ExcerptAppender appender;

    private QueueDocumentSink(ChronicleQueue queue) {
        this.queue = queue;
    }

    static QueueDocumentSink open(Path dir) {
        try {
            return new QueueDocumentSink(SingleChronicleQueueBuilder.binary(dir.toFile()).blockSize(BLOCK_SIZE).build());
        } catch (RuntimeException | Error e) {
            throw new JournalException("cannot open journal queue in " + dir + ": " + e, e);
        }
    }

    void write(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen, byte[] link) {
        if (appender == null) {
            appender = queue.createAppender();
        }
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.write(a, aOff, aLen);
            if (b != null) {
                bytes.write(b, bOff, bLen);
            }
            bytes.write(link, 0, link.length);
        }
    }

    @Override
    public void close() {
        if (appender != null) {
            appender.close();
        }
        queue.close();
    }
}
