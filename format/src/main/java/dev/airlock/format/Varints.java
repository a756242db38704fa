package dev.airlock.format;

/**
 * Unsigned LEB128 varints and zig-zag signed varints over a byte array. Used by the event block
 * encoding on the recording hot path, so nothing here allocates.
 */
public final class Varints {

    /** The most bytes one varint long can take. */
    public static final int MAX_LONG_BYTES = 10;

    private Varints() {
    }

    public static int writeUnsigned(byte[] buf, int pos, long value) {
        while ((value & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
        return pos;
    }

    public static int writeSigned(byte[] buf, int pos, long value) {
        return writeUnsigned(buf, pos, (value << 1) ^ (value >> 63));
    }

    public static long zigZagDecode(long raw) {
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** Reads varints from an array, tracking its position; one instance per decoding loop. */
    public static final class Reader {
        private byte[] buf;
        private int pos;
        private int limit;

        public void reset(byte[] buf, int pos, int limit) {
            this.buf = buf;
            this.pos = pos;
            this.limit = limit;
        }

        public int position() {
            return pos;
        }

        public boolean hasMore() {
            return pos < limit;
        }

        public long readUnsigned() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = readByte();
                result |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return result;
                }
            }
            throw new CorruptJournalException("varint longer than 10 bytes at offset " + pos);
        }

        public long readSigned() {
            return zigZagDecode(readUnsigned());
        }

        public int readByte() {
            if (pos >= limit) {
                throw new CorruptJournalException("event block ends inside an event at offset " + pos);
            }
            return buf[pos++] & 0xFF;
        }

        public long readFixedLong() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) readByte() << (8 * i);
            }
            return v;
        }

        /** Reads a length-prefixed byte string; null for length -1. */
        public byte[] readBytes() {
            long length = readSigned();
            if (length == -1) {
                return null;
            }
            if (length < 0 || length > limit - pos) {
                throw new CorruptJournalException("byte string of length " + length + " runs past its block");
            }
            byte[] out = new byte[(int) length];
            System.arraycopy(buf, pos, out, 0, out.length);
            pos += out.length;
            return out;
        }
    }
}
