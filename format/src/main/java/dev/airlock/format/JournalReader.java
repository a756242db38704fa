package dev.airlock.format;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * Streams a journal's documents in the order they were written, checking the digest chain as it goes.
 * Holds one document at a time, so a journal of any size reads in bounded memory. One reader per thread.
 */
public final class JournalReader implements AutoCloseable {

    /** Zero bytes at the end of a document that fails the chain for it to look cut rather than altered. */
    private static final int CUT_ZEROS = 8;

    private final Path dir;
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final DigestChain chain = new DigestChain();
    private boolean checkChain = true;
    private long position;
    private long lastGoodIndex = -1;
    private byte[] buf = new byte[JournalWriter.CHUNK_BYTES + 1024];
    private boolean failedEndsInZeros;

    private final boolean ownsQueue;
    /** Set when the header names a cipher: every document but HEADER and SEAL is stored encrypted. */
    private boolean encrypted;
    private boolean allowOpaque;

    private JournalReader(Path dir, ChronicleQueue queue, boolean ownsQueue) {
        this.dir = dir;
        this.queue = queue;
        this.ownsQueue = ownsQueue;
        this.tailer = queue.createTailer();
    }

    /**
     * Another reader over the same queue with its own position, for another thread; closing it leaves
     * this one open. It starts at the beginning and does not check the chain (use {@link #moveTo}).
     */
    public JournalReader fork() {
        JournalReader r = new JournalReader(dir, queue, false);
        r.checkChain = false;
        r.encrypted = encrypted;
        r.allowOpaque = allowOpaque;
        return r;
    }

    /**
     * Lets one thread after another use this reader (never two at once; the caller hands it over with
     * happens-before), as the serial schedule's reader is used by whichever thread ends a turn.
     */
    public JournalReader handedOver() {
        tailer.singleThreadedCheckDisabled(true);
        return this;
    }

    /** Opens the journal in {@code dir}; a clear {@link JournalException} when there is none. */
    public static JournalReader open(Path dir) {
        if (!Files.exists(dir)) {
            throw new JournalException("no journal at " + dir + ": the directory does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw new JournalException("no journal at " + dir + ": not a directory");
        }
        if (!JournalFiles.hasQueueFiles(dir)) {
            throw new JournalException("no journal at " + dir + ": it holds no recording (no queue files in "
                + JournalFiles.QUEUE_DIR + "/)");
        }
        ChronicleSettings.apply();
        ChronicleQueue q = null;
        try {
            q = SingleChronicleQueueBuilder.binary(JournalFiles.queueDir(dir).toFile())
                .blockSize(QueueDocumentSink.BLOCK_SIZE).readOnly(true).build();
            return new JournalReader(dir, q, true);
        } catch (Exception | Error e) {
            // Chronicle throws checked exceptions (a damaged file header) without declaring them.
            if (q != null) {
                try {
                    q.close();
                } catch (RuntimeException ignored) {
                    // already failing
                }
            }
            throw new CorruptJournalException("cannot open the journal queue in " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** Reading from a position other than the start cannot check the chain; {@link #moveTo} turns it off. */
    public boolean moveTo(long index) {
        checkChain = false;
        try {
            return tailer.moveToIndex(index);
        } catch (Exception | Error e) {
            throw new CorruptJournalException("cannot seek to document index " + index + ": " + e.getMessage(), e);
        }
    }

    /** How many documents were read so far. */
    public long position() {
        return position;
    }

    /**
     * The digest chain's link after the last document read (32 zero bytes before the first); what a SEAL
     * covers. Meaningful only while the chain is checked (a reader that has not moved or been forked).
     */
    public byte[] link() {
        return chain.link();
    }

    /**
     * True when the document that last failed the chain ends in {@value #CUT_ZEROS} zero bytes where its
     * link belongs: what a queue file cut inside that document reads as (the rest of the mapped page is
     * zeros). {@link JournalVerifier} calls such a last document truncated rather than tampered: it can
     * only stand for losing that document, which cutting the file does anyway.
     */
    public boolean lastFailureLooksCut() {
        return failedEndsInZeros;
    }

    private static boolean endsInZeros(byte[] doc, int length) {
        for (int i = length - CUT_ZEROS; i < length; i++) {
            if (doc[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The queue index of the last document that read back whole, or -1. */
    public long lastGoodIndex() {
        return lastGoodIndex;
    }

    /**
     * The next document, or null at the end of what was written. Throws {@link CorruptJournalException}
     * naming the document when one is damaged.
     */
    public JournalDocument next() {
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent()) {
                return null;
            }
            long index = dc.index();
            Bytes<?> bytes = dc.wire().bytes();
            long remaining = bytes.readRemaining();
            if (remaining < 1 + DigestChain.LINK_BYTES || remaining > Integer.MAX_VALUE - 8) {
                throw new CorruptJournalException("document " + position + " has impossible length " + remaining);
            }
            int length = (int) remaining;
            if (buf.length < length) {
                buf = new byte[Math.max(length, buf.length * 2)];
            }
            bytes.read(buf, 0, length);
            int bodyLength = length - DigestChain.LINK_BYTES;
            if (checkChain) {
                byte[] expected = chain.next(buf, 0, bodyLength);
                if (!Arrays.equals(expected, 0, DigestChain.LINK_BYTES, buf, bodyLength, length)) {
                    failedEndsInZeros = endsInZeros(buf, length);
                    throw new TamperedJournalException(position, "document " + position
                        + " does not match the digest chain: it was altered, removed or moved");
                }
            }
            DocType type = DocType.ofCode(buf[0]);
            if (type == null) {
                throw new CorruptJournalException("document " + position + " has unknown type " + buf[0]);
            }
            byte[] body;
            boolean opaque = false;
            if (encrypted && type != DocType.HEADER && type != DocType.SEAL) {
                DocumentCipher cipher = JournalKeys.current();
                if (cipher != null) {
                    body = cipher.decrypt(buf, bodyLength);
                } else {
                    body = Arrays.copyOf(buf, bodyLength);
                    opaque = true;
                }
            } else {
                body = Arrays.copyOf(buf, bodyLength);
            }
            JournalDocument doc = new JournalDocument(type, index, body, body.length, opaque);
            position++;
            lastGoodIndex = index;
            return doc;
        } catch (JournalException e) {
            throw e;
        } catch (Exception | Error e) {
            throw new CorruptJournalException("document " + position + " cannot be read (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }

    /**
     * Lets an encrypted journal be read without its key: documents come back opaque (type and chain
     * checked, contents not readable). For verifying integrity.
     */
    public JournalReader allowEncryptedWithoutKey() {
        allowOpaque = true;
        return this;
    }

    /** Reads the header, which must be the first document. */
    public Fields readHeader() {
        JournalDocument first = next();
        if (first == null) {
            throw new CorruptJournalException("the journal in " + dir + " is empty: no header was written");
        }
        if (first.type() != DocType.HEADER) {
            throw new CorruptJournalException("the journal in " + dir + " does not start with a header");
        }
        Fields header = first.fields();
        String keyId = header.get(DocumentCipher.HEADER_KEY_ID);
        if (header.get(DocumentCipher.HEADER_ALGORITHM) != null) {
            encrypted = true;
            DocumentCipher cipher = JournalKeys.current();
            if (cipher == null && !allowOpaque) {
                throw new JournalException("the journal in " + dir + " is encrypted (key id " + keyId
                    + "): give its key with --decrypt FILE");
            }
            if (cipher != null && !cipher.keyId().equals(keyId)) {
                throw new JournalException("the journal in " + dir + " is encrypted with key id " + keyId
                    + ", not with the given key (" + cipher.keyId() + ")");
            }
        }
        String version = header.get(HeaderKeys.FORMAT_VERSION);
        if (!HeaderKeys.CURRENT_FORMAT.equals(version)) {
            throw new CorruptJournalException("the journal in " + dir + " has format version " + version
                + "; this Airlock reads version " + HeaderKeys.CURRENT_FORMAT);
        }
        return header;
    }

    @Override
    public void close() {
        try {
            tailer.close();
        } finally {
            if (ownsQueue) {
                queue.close();
            }
        }
    }
}
