package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class BufferRangeTest {

    @Test
    void parts_of_a_scattering_read_are_copied_across_buffer_boundaries() {
        ByteBuffer[] buffers = {ByteBuffer.allocate(4), ByteBuffer.allocateDirect(5), ByteBuffer.allocate(6)};
        buffers[0].put((byte) 99); // the read starts after this
        BufferRange range = BufferRange.of(buffers, 0, 3);
        int[] before = range.positions();
        byte[] read = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        range.fill(read, 0);

        assertArrayEquals(read, range.moved(before, read.length));
        assertArrayEquals(new byte[] {3, 4, 5, 6, 7}, range.moved(before, 2, 5));
        assertArrayEquals(new byte[] {8, 9, 10, 11, 12}, range.moved(before, 7, 5));
        assertArrayEquals(new byte[] {1, 2, 3}, range.moved(before, 0, 3));
    }
}
