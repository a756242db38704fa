package dev.airlock.format;

/** A document whose bytes do not match the digest chain: the journal was altered after it was written. */
public final class TamperedJournalException extends CorruptJournalException {

    private static final long serialVersionUID = 1L;
    private final long document;

    public TamperedJournalException(long document, String message) {
        super(message);
        this.document = document;
    }

    /** Position of the first document that fails the chain. */
    public long document() {
        return document;
    }
}
