package dev.airlock.format;

/** The first byte of every journal document. Stable codes: part of the file format. */
public enum DocType {
    HEADER(1), SITES(2), THREAD(3), BLOCK(4), END(5), NOTE(6),
    /** The last document: the chain link of END, signed or MACed ({@link JournalSeal}). */
    SEAL(7);

    private final int code;

    DocType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static DocType ofCode(int code) {
        for (DocType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
