package dev.airlock.format;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Derives damaged documents from valid ones for {@link JournalFuzzTest}: bit flips, byte overwrites,
 * truncations, insertions, splices of two documents, and inflated or overlong varints (counts and
 * lengths a reader trusts). Deterministic for a given {@link Random}. The type byte at offset 0 is kept
 * by most mutations, as the reader rejects unknown types before any decoder sees them.
 */
final class FuzzMutator {

    private static final int[] INTERESTING_BYTES = {0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF, 0x3F, 0x40, 0xC0};
    private static final long[] INTERESTING_RAW = {
        0, 1, 2, 0x7F, 0x80, 0xFF, 0x3FFF, 0x4000, Integer.MAX_VALUE, 0x80000000L, 0xFFFFFFFFL, 0x100000000L,
        0xFFFFFFFEL, Long.MAX_VALUE, -1L, -2L, Long.MIN_VALUE, 1L << 40, 1L << 62,
    };

    private FuzzMutator() {
    }

    /** One to four stacked mutations of {@code seed}; never shorter than the type byte. */
    static byte[] mutate(FuzzCorpus.Seed seed, List<FuzzCorpus.Seed> all, Random r) {
        byte[] b = seed.doc();
        int rounds = 1 + (r.nextInt(3) == 0 ? r.nextInt(4) : 0);
        for (int i = 0; i < rounds; i++) {
            boolean pristine = i == 0;
            switch (r.nextInt(8)) {
                case 0:
                    b = flipBits(b, r);
                    break;
                case 1:
                    b = setBytes(b, r);
                    break;
                case 2:
                    b = truncate(b, r);
                    break;
                case 3:
                    b = insert(b, r);
                    break;
                case 4:
                    b = splice(b, all.get(r.nextInt(all.size())).doc(), r);
                    break;
                case 5:
                    b = overlong(b, r);
                    break;
                default:
                    int[] known = seed.varints();
                    int at = pristine && known.length > 0 ? known[r.nextInt(known.length)] : 1 + r.nextInt(b.length);
                    b = inflate(b, Math.min(at, b.length), r);
                    break;
            }
        }
        return b;
    }

    static byte[] flipBits(byte[] in, Random r) {
        byte[] b = in.clone();
        for (int n = 1 + r.nextInt(r.nextBoolean() ? 2 : 8); n > 0 && b.length > 1; n--) {
            int at = 1 + r.nextInt(b.length - 1);
            b[at] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
    }

    static byte[] setBytes(byte[] in, Random r) {
        byte[] b = in.clone();
        for (int n = 1 + r.nextInt(4); n > 0 && b.length > 1; n--) {
            int at = r.nextInt(20) == 0 ? 0 : 1 + r.nextInt(b.length - 1);
            b[at] = (byte) (r.nextBoolean() ? INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)] : r.nextInt(256));
        }
        return b;
    }

    static byte[] truncate(byte[] in, Random r) {
        return Arrays.copyOf(in, 1 + r.nextInt(in.length));
    }

    static byte[] insert(byte[] in, Random r) {
        int at = 1 + r.nextInt(in.length);
        byte[] extra = new byte[1 + r.nextInt(r.nextBoolean() ? 4 : 64)];
        r.nextBytes(extra);
        byte[] b = new byte[in.length + extra.length];
        System.arraycopy(in, 0, b, 0, at);
        System.arraycopy(extra, 0, b, at, extra.length);
        System.arraycopy(in, at, b, at + extra.length, in.length - at);
        return b;
    }

    /** A prefix of {@code a} followed by a suffix of {@code other}. */
    static byte[] splice(byte[] a, byte[] other, Random r) {
        int head = 1 + r.nextInt(a.length);
        int tail = r.nextInt(other.length + 1);
        byte[] b = Arrays.copyOf(a, head + tail);
        System.arraycopy(other, other.length - tail, b, head, tail);
        return b;
    }

    /** Replaces the varint at {@code at} by a larger or odd raw value, re-encoded in place. */
    static byte[] inflate(byte[] in, int at, Random r) {
        int end = at;
        while (end < in.length && end - at < Varints.MAX_LONG_BYTES && (in[end] & 0x80) != 0) {
            end++;
        }
        end = Math.min(end + 1, in.length);
        long old = 0;
        for (int i = at, shift = 0; i < end && shift < 64; i++, shift += 7) {
            old |= (long) (in[i] & 0x7F) << shift;
        }
        long raw;
        switch (r.nextInt(6)) {
            case 0:
                raw = INTERESTING_RAW[r.nextInt(INTERESTING_RAW.length)];
                break;
            case 1:
                raw = old + 1 + r.nextInt(4);
                break;
            case 2:
                raw = old << (1 + r.nextInt(40));
                break;
            case 3:
                raw = 2L * (in.length - at) + r.nextInt(4); // a zig-zag length just past the end
                break;
            case 4:
                raw = 2L * Integer.MAX_VALUE + r.nextInt(4);
                break;
            default:
                raw = r.nextLong();
                break;
        }
        byte[] enc = new byte[Varints.MAX_LONG_BYTES];
        int encLen = Varints.writeUnsigned(enc, 0, raw);
        byte[] b = new byte[in.length - (end - at) + encLen];
        System.arraycopy(in, 0, b, 0, at);
        System.arraycopy(enc, 0, b, at, encLen);
        System.arraycopy(in, end, b, at + encLen, in.length - end);
        return b;
    }

    /** A run of continuation bytes: a varint longer than ten bytes, or one the input ends inside. */
    static byte[] overlong(byte[] in, Random r) {
        int at = 1 + r.nextInt(in.length);
        int n = 1 + r.nextInt(14);
        byte[] b = new byte[in.length + n];
        System.arraycopy(in, 0, b, 0, at);
        Arrays.fill(b, at, at + n, (byte) (r.nextBoolean() ? 0xFF : 0x80));
        System.arraycopy(in, at, b, at + n, in.length - at);
        return b;
    }
}
