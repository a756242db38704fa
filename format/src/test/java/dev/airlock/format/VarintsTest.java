package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VarintsTest {

    /** 0, 1, -1, the extremes, and 2^k - 1, 2^k, 2^k + 1 (and their negatives) for every k. */
    private static List<Long> interestingValues() {
        List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE,
            Long.MIN_VALUE + 1, Long.MAX_VALUE - 1));
        for (int k = 0; k < 64; k++) {
            long p = 1L << k;
            for (long v : new long[] {p - 1, p, p + 1}) {
                values.add(v);
                values.add(-v);
            }
        }
        return values;
    }

    private static Varints.Reader readerOver(byte[] buf, int from, int limit) {
        Varints.Reader in = new Varints.Reader();
        in.reset(buf, from, limit);
        return in;
    }

    @Test
    void unsigned_varints_read_back_as_written_and_end_where_they_were_written() {
        for (long v : interestingValues()) {
            byte[] buf = new byte[Varints.MAX_LONG_BYTES];
            int end = Varints.writeUnsigned(buf, 0, v);
            Varints.Reader in = readerOver(buf, 0, end);
            assertEquals(v, in.readUnsigned(), "value " + v);
            assertEquals(end, in.position(), "value " + v);
            assertFalse(in.hasMore());
        }
    }

    @Test
    void signed_varints_read_back_as_written_and_end_where_they_were_written() {
        for (long v : interestingValues()) {
            byte[] buf = new byte[Varints.MAX_LONG_BYTES];
            int end = Varints.writeSigned(buf, 0, v);
            Varints.Reader in = readerOver(buf, 0, end);
            assertEquals(v, in.readSigned(), "value " + v);
            assertEquals(end, in.position(), "value " + v);
        }
    }

    @Test
    void small_magnitudes_take_one_byte_and_no_value_takes_more_than_ten() {
        byte[] buf = new byte[Varints.MAX_LONG_BYTES];
        assertEquals(1, Varints.writeUnsigned(buf, 0, 0));
        assertEquals(1, Varints.writeUnsigned(buf, 0, 127));
        assertEquals(2, Varints.writeUnsigned(buf, 0, 128));
        assertEquals(1, Varints.writeSigned(buf, 0, -1));
        assertEquals(1, Varints.writeSigned(buf, 0, -64));
        assertEquals(2, Varints.writeSigned(buf, 0, 64));
        assertEquals(10, Varints.writeUnsigned(buf, 0, -1));
        assertEquals(10, Varints.writeSigned(buf, 0, Long.MIN_VALUE));
        assertEquals(10, Varints.writeSigned(buf, 0, Long.MAX_VALUE));
    }

    @Test
    void zig_zag_maps_small_negatives_to_small_unsigned_numbers() {
        assertEquals(0, Varints.zigZagDecode(0));
        assertEquals(-1, Varints.zigZagDecode(1));
        assertEquals(1, Varints.zigZagDecode(2));
        assertEquals(-2, Varints.zigZagDecode(3));
        assertEquals(Long.MAX_VALUE, Varints.zigZagDecode(-2L));
        assertEquals(Long.MIN_VALUE, Varints.zigZagDecode(-1L));
    }

    @Test
    void a_run_of_varints_written_back_to_back_reads_back_in_order_from_an_offset() {
        List<Long> values = interestingValues();
        byte[] buf = new byte[3 + values.size() * 2 * Varints.MAX_LONG_BYTES];
        int pos = 3;
        for (long v : values) {
            pos = Varints.writeSigned(buf, pos, v);
            pos = Varints.writeUnsigned(buf, pos, v);
        }
        Varints.Reader in = readerOver(buf, 3, pos);
        for (long v : values) {
            assertEquals(v, in.readSigned());
            assertEquals(v, in.readUnsigned());
        }
        assertFalse(in.hasMore());
    }

    @Test
    void a_varint_longer_than_ten_bytes_is_reported_as_corrupt() {
        byte[] eleven = new byte[11];
        for (int i = 0; i < 10; i++) {
            eleven[i] = (byte) 0x80;
        }
        CorruptJournalException e = assertThrows(CorruptJournalException.class,
            () -> readerOver(eleven, 0, eleven.length).readUnsigned());
        assertTrue(e.getMessage().contains("longer than 10 bytes"), e.getMessage());
    }

    @Test
    void a_varint_cut_short_by_its_limit_is_reported_as_corrupt() {
        byte[] buf = new byte[Varints.MAX_LONG_BYTES];
        int end = Varints.writeUnsigned(buf, 0, Long.MAX_VALUE);
        for (int limit = 0; limit < end; limit++) {
            int cut = limit;
            assertThrows(CorruptJournalException.class, () -> readerOver(buf, 0, cut).readUnsigned(), "limit " + limit);
            assertThrows(CorruptJournalException.class, () -> readerOver(buf, 0, cut).readSigned(), "limit " + limit);
        }
    }

    @Test
    void a_fixed_long_reads_eight_little_endian_bytes_and_fails_when_cut_short() {
        byte[] buf = {1, 2, 3, 4, 5, 6, 7, (byte) 0x80};
        assertEquals(0x8007060504030201L, readerOver(buf, 0, 8).readFixedLong());
        assertThrows(CorruptJournalException.class, () -> readerOver(buf, 0, 7).readFixedLong());
    }

    @Test
    void byte_strings_read_back_with_null_as_length_minus_one() {
        byte[] buf = new ByteSink(32).writeBytes(null).writeBytes(new byte[0]).writeBytes(new byte[] {9, 8, 7})
            .toByteArray();
        Varints.Reader in = readerOver(buf, 0, buf.length);
        assertNull(in.readBytes());
        assertEquals(0, in.readBytes().length);
        assertEquals(List.of((byte) 9, (byte) 8, (byte) 7), boxed(in.readBytes()));
        assertFalse(in.hasMore());
    }

    @Test
    void a_byte_string_longer_than_what_is_left_or_of_negative_length_is_reported_as_corrupt() {
        byte[] tooLong = new ByteSink(16).writeSigned(5).writeRaw(new byte[] {1, 2, 3, 4}, 0, 4).toByteArray();
        assertThrows(CorruptJournalException.class, () -> readerOver(tooLong, 0, tooLong.length).readBytes());
        byte[] negative = new ByteSink(16).writeSigned(-2).toByteArray();
        assertThrows(CorruptJournalException.class, () -> readerOver(negative, 0, negative.length).readBytes());
        byte[] huge = new ByteSink(16).writeSigned(Long.MAX_VALUE).toByteArray();
        assertThrows(CorruptJournalException.class, () -> readerOver(huge, 0, huge.length).readBytes());
    }

    private static List<Byte> boxed(byte[] b) {
        List<Byte> out = new ArrayList<>();
        for (byte x : b) {
            out.add(x);
        }
        return out;
    }
}
