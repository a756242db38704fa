package dev.airlock.recorder.runtime;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Length and SHA-256 of everything the application wrote to one standard stream. */
public final class OutputDigest {

    private final MessageDigest sha256;
    private long bytes;

    public OutputDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized void update(byte[] b, int off, int len) {
        sha256.update(b, off, len);
        bytes += len;
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** Hex SHA-256 of what was written so far. */
    public synchronized String sha256() {
        try {
            byte[] d = ((MessageDigest) sha256.clone()).digest();
            StringBuilder sb = new StringBuilder();
            for (byte x : d) {
                sb.append(String.format("%02x", x & 0xFF));
            }
            return sb.toString();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
