package dev.airlock.format;

/**
 * What {@link JournalVerifier} found: the status, the one line {@code airlock verify} prints, and the
 * counts behind it. Immutable.
 *
 * <pre>
 * intact (sealed with HmacSHA256, 42 documents, 1234 events)
 * intact (sealed with HmacSHA256; not checked: no --key)        (status UNVERIFIED)
 * tampered: document 7 does not match the digest chain: it was altered, removed or moved
 * truncated: last good document 12 (not sealed)
 * </pre>
 */
public final class Verdict {

    /** The four answers; each has its own exit code in the CLI. */
    public enum Status {
        /** The chain holds and the seal verifies (with the key given, or it is a keyless {@code none} seal). */
        INTACT,
        /** The chain holds and a MAC or signature seal is present, but no key was given to check it. */
        UNVERIFIED,
        /** A document fails the chain, or the seal is wrong, or something follows the seal. */
        TAMPERED,
        /** The chain holds as far as it goes, but the journal ends before its seal. */
        TRUNCATED
    }

    private final Status status;
    private final String line;
    private final long document;
    private final long documents;
    private final long events;
    private final String algorithm;
    private final Fields header;

    Verdict(Status status, String line, long document, long documents, long events, String algorithm, Fields header) {
        this.status = status;
        this.line = line;
        this.document = document;
        this.documents = documents;
        this.events = events;
        this.algorithm = algorithm;
        this.header = header;
    }

    static Verdict intact(String algorithm, long documents, long events, Fields header) {
        return new Verdict(Status.INTACT, "intact (sealed with " + algorithm + ", " + documents + " documents, " + events
            + " events)", documents - 1, documents, events, algorithm, header);
    }

    static Verdict unverified(String algorithm, long documents, long events, Fields header) {
        return new Verdict(Status.UNVERIFIED, "intact (sealed with " + algorithm + "; not checked: no --key)",
            documents - 1, documents, events, algorithm, header);
    }

    /** {@code why} starts with "document K ". */
    static Verdict tampered(long document, String why, long events, Fields header) {
        return new Verdict(Status.TAMPERED, "tampered: " + why, document, document, events, null, header);
    }

    static Verdict truncated(long lastGood, long events, Fields header) {
        return new Verdict(Status.TRUNCATED, "truncated: last good document " + lastGood + " (not sealed)", lastGood,
            lastGood + 1, events, null, header);
    }

    public Status status() {
        return status;
    }

    /** The answer on one line, as {@code airlock verify} prints it. */
    public String line() {
        return line;
    }

    /**
     * For TAMPERED the first bad document's position (from 0); for TRUNCATED the last good one; otherwise
     * the SEAL's position.
     */
    public long document() {
        return document;
    }

    /** Documents that verified (before the first bad one, or all of them). */
    public long documents() {
        return documents;
    }

    /** Events in the BLOCK documents that verified. */
    public long events() {
        return events;
    }

    /** The seal's algorithm when the journal is intact, else null. */
    public String algorithm() {
        return algorithm;
    }

    /** The journal header, or null when the header itself failed. */
    public Fields header() {
        return header;
    }

    @Override
    public String toString() {
        return line;
    }
}
