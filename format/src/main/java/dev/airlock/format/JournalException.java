package dev.airlock.format;

/** Any failure to create, write or read a journal; its message is fit to show a user on one line. */
public class JournalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
