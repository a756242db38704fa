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

    /**
     * Memory-mapped block size. Chronicle takes a document of at most a quarter of a block, and one
     * big read is one event in one document: 256 MiB blocks take reads of up to 64 MiB. The files are
     * sparse, so an unused block costs address space, not disk.
     */
    static final long BLOCK_SIZE = 256L << 20;
    /** The largest document this sink writes, with room for Chronicle's own header. */
    static final long MAX_DOCUMENT = BLOCK_SIZE / 4 - 4096;

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
        long length = (long) aLen + (b == null ? 0 : bLen) + link.length;
        if (length > MAX_DOCUMENT) {
            // Refused before Chronicle starts the document, so what is already written stays readable.
            throw new JournalException("an event of " + length + " bytes is larger than a journal document can be ("
                + MAX_DOCUMENT + " bytes)");
        }
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
