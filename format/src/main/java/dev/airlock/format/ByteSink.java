package dev.airlock.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte array for building the journal's small, cold documents (header, sites, threads). */
public final class ByteSink {

    private byte[] buf;
    private int size;

    public ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    public ByteSink writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public ByteSink writeUnsigned(long v) {
        ensure(Varints.MAX_LONG_BYTES);
        size = Varints.writeUnsigned(buf, size, v);
        return this;
    }

    public ByteSink writeSigned(long v) {
        ensure(Varints.MAX_LONG_BYTES);
        size = Varints.writeSigned(buf, size, v);
        return this;
    }

    /** A length-prefixed byte string, null written as length -1. */
    public ByteSink writeBytes(byte[] b) {
        if (b == null) {
            return writeSigned(-1);
        }
        writeSigned(b.length);
        return writeRaw(b, 0, b.length);
    }

    public ByteSink writeRaw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
        return this;
    }

    public ByteSink writeString(String s) {
        return writeBytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    public void reset() {
        size = 0;
    }

    /** The backing array; valid up to {@link #size()}, replaced when the sink grows. */
    public byte[] buffer() {
        return buf;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
