package dev.airlock.format;

import java.util.List;

/** One document read back from a journal: its type, queue index and body (without the chain link). */
public final class JournalDocument {

    private final DocType type;
    private final long index;
    private final byte[] body;
    private final int bodyLength;
    private int blockThread;
    private long blockFirstSeq;
    private int blockCount;
    private int blockFlags;
    private int eventsOffset;

    private final boolean opaque;

    JournalDocument(DocType type, long index, byte[] body, int bodyLength) {
        this(type, index, body, bodyLength, false);
    }

    JournalDocument(DocType type, long index, byte[] body, int bodyLength, boolean opaque) {
        this.type = type;
        this.index = index;
        this.body = body;
        this.bodyLength = bodyLength;
        this.opaque = opaque;
        if (type == DocType.BLOCK && !opaque) {
            Varints.Reader in = reader();
            blockThread = (int) in.readUnsigned();
            blockFirstSeq = in.readUnsigned();
            blockCount = (int) in.readUnsigned();
            blockFlags = in.readByte();
            eventsOffset = in.position();
        }
    }

    /** True for an encrypted document read without its key: only its type is known. */
    public boolean opaque() {
        return opaque;
    }

    public DocType type() {
        return type;
    }

    /** Chronicle's index of this document; {@code JournalReader.moveTo} goes back to it. */
    public long index() {
        return index;
    }

    private Varints.Reader reader() {
        Varints.Reader in = new Varints.Reader();
        in.reset(body, 1, bodyLength);
        return in;
    }

    /** HEADER, END and NOTE documents. */
    public Fields fields() {
        return Fields.decode(body, 1, bodyLength);
    }

    public List<CallSite> sites() {
        return DocumentCodec.decodeSites(reader());
    }

    public ThreadInfo thread() {
        return DocumentCodec.decodeThread(reader());
    }

    public int blockThread() {
        return blockThread;
    }

    public long blockFirstSeq() {
        return blockFirstSeq;
    }

    public int blockCount() {
        return blockCount;
    }

    public boolean blockStartsChunk() {
        return (blockFlags & DocumentCodec.BLOCK_CHUNK_START) != 0;
    }

    /** Positions {@code decoder} on this block's events. */
    public void decodeWith(EventDecoder decoder) {
        decoder.reset(body, eventsOffset, bodyLength, blockStartsChunk());
    }

    public int bodyLength() {
        return bodyLength;
    }
}
