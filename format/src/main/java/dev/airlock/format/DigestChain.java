package dev.airlock.format;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Links every journal document to all before it: link(n) = SHA-256(link(n-1) || document n). An altered,
 * dropped or reordered document breaks every link after it, so readers can name the first bad one.
 */
public final class DigestChain {

    public static final int LINK_BYTES = 32;

    private final MessageDigest sha256;
    private byte[] link = new byte[LINK_BYTES];

    public DigestChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Advances the chain over one document body and returns the new link (owned by this chain). */
    public byte[] next(byte[] body, int offset, int length) {
        sha256.update(link);
        sha256.update(body, offset, length);
        link = sha256.digest();
        return link;
    }

    /** Like {@link #next} for a document stored in two parts. */
    public byte[] nextOfTwo(byte[] a, int aLength, byte[] b, int bOffset, int bLength) {
        sha256.update(link);
        sha256.update(a, 0, aLength);
        sha256.update(b, bOffset, bLength);
        link = sha256.digest();
        return link;
    }

    public byte[] link() {
        return link.clone();
    }
}
