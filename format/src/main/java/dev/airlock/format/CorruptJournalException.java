package dev.airlock.format;

/** A journal that cannot be read as written: altered, cut short, or not a journal at all. */
public class CorruptJournalException extends JournalException {

    private static final long serialVersionUID = 1L;

    public CorruptJournalException(String message) {
        super(message);
    }

    public CorruptJournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
