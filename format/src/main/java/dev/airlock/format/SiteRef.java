package dev.airlock.format;

/**
 * Packs a call-site id and an event kind into the single int constant that rewritten code passes to
 * the bridge: {@code site << 8 | kind}. One constant keeps the emitted bytecode to a single {@code LDC}.
 */
public final class SiteRef {

    public static final int MAX_SITE = (1 << 23) - 1;

    private SiteRef() {
    }

    public static int of(int site, EventKind kind) {
        if (site < 0 || site > MAX_SITE) {
            throw new IllegalArgumentException("call-site id out of range: " + site);
        }
        return site << 8 | kind.code();
    }

    public static int site(int ref) {
        return ref >>> 8;
    }

    public static int kindCode(int ref) {
        return ref & 0xFF;
    }
}
