package dev.airlock.recorder.runtime;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The buffers one channel read or write works on: a single {@code ByteBuffer}, or
 * {@code buffers[first..first+count)} of a scattering read or gathering write. Recording copies out
 * what an operation moved; replay puts recorded bytes in, or checks and consumes what would have been
 * written.
 */
public record BufferRange(ByteBuffer[] all, int first, int count) {

    /** {@code buffers} as the JDK passes them: a ByteBuffer, or an array with offset and length. */
    public static BufferRange of(Object buffers, int off, int len) {
        if (buffers instanceof ByteBuffer one) {
            return new BufferRange(new ByteBuffer[] {one}, 0, 1);
        }
        return new BufferRange((ByteBuffer[]) buffers, off, len);
    }

    public int[] positions() {
        int[] at = new int[count];
        for (int i = 0; i < count; i++) {
            at[i] = all[first + i].position();
        }
        return at;
    }

    public long remaining() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += all[first + i].remaining();
        }
        return n;
    }

    /** The bytes an operation moved: from each buffer's position {@code before} it up to where it is now. */
    public byte[] moved(int[] before, int total) {
        byte[] bytes = new byte[Math.max(total, 0)];
        int at = 0;
        for (int i = 0; i < count && at < bytes.length; i++) {
            ByteBuffer b = all[first + i];
            int n = Math.min(b.position() - before[i], bytes.length - at);
            if (n > 0) {
                b.get(before[i], bytes, at, n);
                at += n;
            }
        }
        return bytes;
    }

    /** {@code n} of the bytes an operation moved, skipping the first {@code skip} of them. */
    public byte[] moved(int[] before, long skip, int n) {
        byte[] bytes = new byte[n];
        int at = 0;
        long toSkip = skip;
        for (int i = 0; i < count && at < n; i++) {
            ByteBuffer b = all[first + i];
            int movedHere = b.position() - before[i];
            if (toSkip >= movedHere) {
                toSkip -= movedHere;
                continue;
            }
            int from = before[i] + (int) toSkip;
            int k = Math.min(b.position() - from, n - at);
            b.get(from, bytes, at, k);
            at += k;
            toSkip = 0;
        }
        return bytes;
    }

    /** Puts {@code p[from..]} into the buffers in order, as a read would have. */
    public void fill(byte[] p, int from) {
        int at = from;
        for (int i = 0; i < count && at < p.length; i++) {
            ByteBuffer b = all[first + i];
            int k = Math.min(b.remaining(), p.length - at);
            b.put(p, at, k);
            at += k;
        }
    }

    /** The CRC-32C of the next {@code n} bytes, leaving the buffers as they are. */
    public int crc(int n) {
        CRC32C crc = new CRC32C();
        int left = Math.max(n, 0);
        for (int i = 0; i < count && left > 0; i++) {
            ByteBuffer b = all[first + i];
            int k = Math.min(b.remaining(), left);
            byte[] chunk = new byte[k];
            b.get(b.position(), chunk);
            crc.update(chunk, 0, k);
            left -= k;
        }
        return (int) crc.getValue();
    }

    /** Consumes the next {@code n} bytes, as a write would have, and returns their CRC-32C. */
    public int consume(int n) {
        int crc = crc(n);
        int left = Math.max(n, 0);
        for (int i = 0; i < count && left > 0; i++) {
            ByteBuffer b = all[first + i];
            int k = Math.min(b.remaining(), left);
            b.position(b.position() + k);
            left -= k;
        }
        return crc;
    }
}
