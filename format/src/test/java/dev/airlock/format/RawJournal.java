package dev.airlock.format;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a journal document by document with a correct digest chain, so tests can build journals the
 * writer never would (a SEAL in the wrong place, something after it, a SEAL with altered fields).
 */
final class RawJournal implements AutoCloseable {

    private final QueueDocumentSink sink;
    private final DigestChain chain = new DigestChain();
    private long documents;

    private RawJournal(QueueDocumentSink sink) {
        this.sink = sink;
    }

    static RawJournal create(Path dir) {
        JournalFiles.prepareNew(dir);
        ChronicleSettings.apply();
        return new RawJournal(QueueDocumentSink.open(JournalFiles.queueDir(dir)));
    }

    static Fields header() {
        return new Fields().put(HeaderKeys.FORMAT_VERSION, HeaderKeys.CURRENT_FORMAT).put(HeaderKeys.MAIN_CLASS, "x.Main");
    }

    RawJournal doc(DocType type, byte[] body) {
        byte[] doc = DocumentCodec.document(type, body);
        byte[] link = chain.next(doc, 0, doc.length);
        sink.write(doc, 0, doc.length, null, 0, 0, link);
        documents++;
        return this;
    }

    RawJournal fields(DocType type, Fields fields) {
        return doc(type, fields.encode());
    }

    /** A block of {@code count} thread.start events (no value) on thread 1. */
    RawJournal block(long firstSeq, int count) {
        ByteSink b = new ByteSink(16).writeUnsigned(1).writeUnsigned(firstSeq).writeUnsigned(count)
            .writeByte(firstSeq == 0 ? DocumentCodec.BLOCK_CHUNK_START : 0);
        for (int i = 0; i < count; i++) {
            b.writeByte(EventKind.THREAD_START.code()).writeUnsigned(3);
        }
        return doc(DocType.BLOCK, b.toByteArray());
    }

    /** Header, two blocks of 3 and 4 events, END. */
    RawJournal standardRecording() {
        return fields(DocType.HEADER, header()).block(0, 3).block(3, 4)
            .fields(DocType.END, new Fields().put(HeaderKeys.EXIT_CODE, 0));
    }

    /** The seal {@code seal} would write here. */
    Fields sealFields(JournalSeal seal) {
        return seal.fields(chain.link(), documents);
    }

    RawJournal seal(JournalSeal seal) {
        return fields(DocType.SEAL, sealFields(seal));
    }

    long documents() {
        return documents;
    }

    /** Flips one bit in the middle of the only occurrence of {@code marker} in the journal's queue files. */
    static void flipByteOf(Path journal, byte[] marker) throws IOException {
        Path found = null;
        long offset = -1;
        for (Path file : queueFiles(journal)) {
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i + marker.length <= bytes.length; i++) {
                if (Arrays.equals(bytes, i, i + marker.length, marker, 0, marker.length)) {
                    if (found != null) {
                        throw new AssertionError("the marker occurs more than once");
                    }
                    found = file;
                    offset = i;
                }
            }
        }
        if (found == null) {
            throw new AssertionError("the marker is not in the queue files");
        }
        try (RandomAccessFile raf = new RandomAccessFile(found.toFile(), "rw")) {
            raf.seek(offset + marker.length / 2);
            int b = raf.read();
            raf.seek(offset + marker.length / 2);
            raf.write(b ^ 0x01);
        }
    }

    static List<Path> queueFiles(Path journal) throws IOException {
        try (Stream<Path> files = Files.list(JournalFiles.queueDir(journal))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).sorted().toList();
        }
    }

    @Override
    public void close() {
        sink.close();
    }
}
