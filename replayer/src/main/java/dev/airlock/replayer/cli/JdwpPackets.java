package dev.airlock.replayer.cli;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * JDWP packets as byte arrays, header included: 4 bytes length, 4 bytes id, 1 byte flags, then command
 * set and command (a command) or a 2-byte error code (a reply), then the data. Only what the relay
 * reads and writes; see the JDWP specification for the rest.
 */
final class JdwpPackets {

    static final int HEADER = 11;
    private static final int REPLY_FLAG = 0x80;
    /** Larger than anything a debugger sends or a JVM answers with; a longer length is a broken stream. */
    private static final int MAX_LENGTH = 256 << 20;

    private JdwpPackets() {
    }

    /** The next whole packet, or null at the end of the stream. */
    static byte[] read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < HEADER || length > MAX_LENGTH) {
            throw new IOException("not a JDWP packet: length " + length);
        }
        byte[] packet = new byte[length];
        ByteBuffer.wrap(packet).putInt(length);
        in.readFully(packet, 4, length - 4);
        return packet;
    }

    static int id(byte[] p) {
        return ByteBuffer.wrap(p).getInt(4);
    }

    static boolean isReply(byte[] p) {
        return (p[8] & REPLY_FLAG) != 0;
    }

    static int commandSet(byte[] p) {
        return p[9] & 0xFF;
    }

    static int command(byte[] p) {
        return p[10] & 0xFF;
    }

    static int errorCode(byte[] p) {
        return ByteBuffer.wrap(p).getShort(9) & 0xFFFF;
    }

    static byte[] command(int id, int commandSet, int command, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + data.length);
        b.putInt(HEADER + data.length).putInt(id).put((byte) 0).put((byte) commandSet).put((byte) command).put(data);
        return b.array();
    }

    /** An id of {@code size} bytes (JDWP ids are 1 to 8 bytes, big-endian) at {@code offset}. */
    static long id(byte[] p, int offset, int size) {
        return id(ByteBuffer.wrap(p, offset, size), size);
    }

    /** The next id of {@code size} bytes in a reply's data. */
    static long id(ByteBuffer b, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | (b.get() & 0xFF);
        }
        return v;
    }

    static void putId(ByteBuffer b, long id, int size) {
        for (int i = size - 1; i >= 0; i--) {
            b.put((byte) (id >>> (8 * i)));
        }
    }

    static byte[] string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + utf8.length).putInt(utf8.length).put(utf8).array();
    }

    /** Reads a JDWP string (4-byte length, UTF-8) from a reply's data. */
    static String string(ByteBuffer b) {
        byte[] utf8 = new byte[b.getInt()];
        b.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
