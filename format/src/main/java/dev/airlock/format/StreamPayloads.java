package dev.airlock.format;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The payloads of the {@code process.*} and {@code console.stdin} events: what the program learnt from a
 * stream it does not own (a child's stdout or stderr, the JVM's stdin). Each starts with a tag byte naming what happened, so a
 * replay that asks for something else than the recording holds (reads stderr where the recording read
 * stdout, say) is told apart and reported.
 *
 * <ul>
 *   <li>start: {@code 0, command, pid} or {@code 1, command, exception class, message}</li>
 *   <li>read: {@code stream (0 stdin, 1 stdout, 2 stderr), op, ...}: op {@code 'r'} with the bytes (none
 *       for EOF, marked by a following {@code 0xFF}), {@code 'c'} the first bytes of a read too big for one
 *       event, continued by the next {@code 'c'} or the closing {@code 'r'} event at the same site,
 *       {@code 'b'} one byte read ({@code read()}) as a long,
 *       {@code 'a'} available, {@code 's'} skip, {@code 'e'} a console's echo switch (the old state),
 *       {@code 'l'} length, {@code 'p'} position, each with a
 *       long, {@code 'x'} an exception class and message</li>
 *   <li>wait: {@code op ('w' waitFor, 't' waitFor with timeout, 'e' exitValue, 'l' isAlive), status
 *       (0 value, 1 exception), long value or exception class and message}</li>
 *   <li>write: {@code length (int), CRC-32C (int)}</li>
 * </ul>
 */
public final class StreamPayloads {

    public static final byte STDIN = 0;
    public static final byte STDOUT = 1;
    public static final byte STDERR = 2;
    public static final byte SOCKET = 3;
    public static final byte FILE = 4;
    /** A selector's wait ({@code 'w'}: the count), descriptor ({@code 'd'}) and events ({@code 'e'}). */
    public static final byte SELECT = 5;
    /**
     * A datagram: a read's bytes are the sender's native socket address (fixed size, as the JDK lays it
     * out) followed by the datagram; a write is its length and CRC-32C.
     */
    public static final byte DATAGRAM = 6;
    /** The op of a read's part that another event continues; see {@link #readPart}. */
    public static final byte PART = 'c';

    private StreamPayloads() {
    }

    /** A decoded outcome: a value, or an exception's class name and message. */
    public record Outcome(long value, String exceptionClass, String message) {

        public boolean failed() {
            return exceptionClass != null;
        }
    }

    public static byte[] started(String command, long pid) {
        Writer b = new Writer();
        b.put(0);
        b.string(command);
        b.number(pid);
        return b.bytes();
    }

    public static byte[] failedToStart(String command, Throwable failure) {
        FailureListener.recording(failure);
        Writer b = new Writer();
        b.put(1);
        b.string(command);
        b.string(failure.getClass().getName());
        b.string(String.valueOf(failure.getMessage()));
        return b.bytes();
    }

    /** A failure known by class name and message only (an errno, say). */
    public static byte[] failedToStart(String command, String exceptionClass, String message) {
        Writer b = new Writer();
        b.put(1);
        b.string(command);
        b.string(exceptionClass);
        b.string(message);
        return b.bytes();
    }

    public static String startCommand(byte[] payload) {
        return new Reader(payload, 1).string();
    }

    public static Outcome startOutcome(byte[] payload) {
        Reader r = new Reader(payload, 1);
        r.string();
        return payload[0] == 0 ? new Outcome(r.signedLong(), null, null) : new Outcome(0, r.string(), r.string());
    }

    /** A read of {@code n} bytes from {@code buffer[offset..]}, or EOF when {@code n < 0}. */
    public static byte[] read(byte stream, byte[] buffer, int offset, int n) {
        byte[] p = new byte[2 + Math.max(n, 0) + (n < 0 ? 1 : 0)];
        p[0] = stream;
        p[1] = 'r';
        if (n < 0) {
            p[2] = (byte) 0xFF;
        } else {
            System.arraycopy(buffer, offset, p, 2, n);
        }
        return p;
    }

    /**
     * One part, not the last, of a read too big for one event: {@code n} bytes from {@code buffer[offset..]}.
     * The read's last part is an ordinary {@link #read} payload.
     */
    public static byte[] readPart(byte stream, byte[] buffer, int offset, int n) {
        byte[] p = new byte[2 + n];
        p[0] = stream;
        p[1] = PART;
        System.arraycopy(buffer, offset, p, 2, n);
        return p;
    }

    /** For a read payload: is it a part that the next event at the same site continues. */
    public static boolean isPart(byte[] payload) {
        return payload.length >= 2 && payload[1] == PART;
    }

    public static byte[] readValue(byte stream, char op, long value) {
        Writer b = new Writer();
        b.put(stream);
        b.put(op);
        b.number(value);
        return b.bytes();
    }

    public static byte[] readFailed(byte stream, Throwable failure) {
        FailureListener.recording(failure);
        Writer b = new Writer();
        b.put(stream);
        b.put((byte) 'x');
        b.string(failure.getClass().getName());
        b.string(String.valueOf(failure.getMessage()));
        return b.bytes();
    }

    public static byte[] waited(char op, long value) {
        Writer b = new Writer();
        b.put(op);
        b.put(0);
        b.number(value);
        return b.bytes();
    }

    public static byte[] waitFailed(char op, Throwable failure) {
        FailureListener.recording(failure);
        Writer b = new Writer();
        b.put(op);
        b.put(1);
        b.string(failure.getClass().getName());
        b.string(String.valueOf(failure.getMessage()));
        return b.bytes();
    }

    public static Outcome waitOutcome(byte[] payload) {
        Reader r = new Reader(payload, 2);
        return payload[1] == 0 ? new Outcome(r.signedLong(), null, null) : new Outcome(0, r.string(), r.string());
    }

    /** For a read payload: is it the EOF marker. */
    public static boolean isEof(byte[] payload) {
        return payload.length == 3 && payload[1] == 'r' && payload[2] == (byte) 0xFF;
    }

    public static Outcome readOutcome(byte[] payload) {
        Reader r = new Reader(payload, 2);
        return payload[1] == 'x' ? new Outcome(0, r.string(), r.string()) : new Outcome(r.signedLong(), null, null);
    }

    /** One write to a socket: {@code SOCKET, 'w', length, CRC-32C}. */
    public static byte[] socketWrite(int length, int crc32c) {
        return ByteBuffer.allocate(10).put(SOCKET).put((byte) 'w').putInt(length).putInt(crc32c).array();
    }

    /** One write to a stream other than a child's stdin: {@code stream, 'w', length, CRC-32C}. */
    public static byte[] write(byte stream, int length, int crc32c) {
        return ByteBuffer.allocate(10).put(stream).put((byte) 'w').putInt(length).putInt(crc32c).array();
    }

    public static byte[] written(int length, int crc32c) {
        return ByteBuffer.allocate(8).putInt(length).putInt(crc32c).array();
    }

    /** A short description for divergence reports and {@code airlock events}. */
    public static String describe(EventKind kind, byte[] p) {
        switch (kind) {
            case PROCESS_START: {
                Outcome o = startOutcome(p);
                return startCommand(p) + (o.failed() ? " failed: " + o.exceptionClass() + ": " + o.message() : " pid " + o.value());
            }
            case NET_BIND:
            case NET_ACCEPT: {
                Outcome o = startOutcome(p);
                return startCommand(p) + (o.failed() ? " failed: " + o.exceptionClass() + ": " + o.message()
                    : " (local port " + o.value() + ")");
            }
            case FILE_OPEN: {
                Outcome o = startOutcome(p);
                return startCommand(p) + (o.failed() ? " failed: " + o.exceptionClass() + ": " + o.message() : " opened");
            }
            case NET_CONNECT: {
                Outcome o = startOutcome(p);
                return startCommand(p) + (o.failed() ? " failed: " + o.exceptionClass() + ": " + o.message() : " connected");
            }
            case NET_WRITE:
            case FILE_WRITE:
                if (p.length == 10 && p[1] == 'w') {
                    ByteBuffer w = ByteBuffer.wrap(p, 2, 8);
                    return w.getInt() + " bytes (crc32c " + Integer.toHexString(w.getInt()) + ")";
                }
                Outcome failed = readOutcome(p);
                return "failed: " + failed.exceptionClass() + ": " + failed.message();
            case NET_READ:
            case FILE_READ:
            case PROCESS_READ:
            case STDIN: {
                String stream = p[0] == STDIN ? "stdin" : p[0] == STDOUT ? "stdout" : p[0] == SOCKET ? "socket"
                    : p[0] == FILE ? "file" : p[0] == DATAGRAM ? "datagram" : "stderr";
                if (isEof(p)) {
                    return stream + " EOF";
                }
                if (p[1] == 'r') {
                    return stream + " " + (p.length - 2) + " bytes " + printable(p, 2);
                }
                if (p[1] == PART) {
                    return stream + " " + (p.length - 2) + " bytes, continued " + printable(p, 2);
                }
                Outcome o = readOutcome(p);
                return stream + (o.failed() ? " failed: " + o.exceptionClass() + ": " + o.message()
                    : " " + operation((char) p[1]) + " " + o.value());
            }
            case PROCESS_WAIT: {
                Outcome o = waitOutcome(p);
                String op = switch (p[0]) {
                    case 'w' -> "waitFor";
                    case 't' -> "waitFor(timeout)";
                    case 'e' -> "exitValue";
                    default -> "isAlive";
                };
                return op + (o.failed() ? " failed: " + o.exceptionClass() : " = " + o.value());
            }
            case FILE_STAT:
            case FILE_LIST:
                return FilePayloads.describe(kind, p);
            case NET_CHANNEL:
                return ChannelPayloads.describe(p);
            case NET_SELECT: {
                Outcome o = readOutcome(p);
                String what = p[1] == 'w' ? "ready" : p[1] == 'd' ? "descriptor" : "events";
                return o.failed() ? "failed: " + o.exceptionClass() + ": " + o.message() : what + " " + o.value();
            }
            case PROCESS_WRITE:
                return ByteBuffer.wrap(p).getInt() + " bytes (crc32c " + Integer.toHexString(ByteBuffer.wrap(p).getInt(4)) + ")";
            default:
                return Arrays.toString(p);
        }
    }

    private static String operation(char op) {
        return switch (op) {
            case 'a' -> "available";
            case 's' -> "skip";
            case 'b' -> "read()";
            case 'l' -> "length";
            case 'p' -> "position";
            case 'z' -> "size";
            case 'q' -> "seek";
            case 't' -> "truncate";
            case 'e' -> "echo";
            default -> String.valueOf(op);
        };
    }

    private static String printable(byte[] p, int from) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = from; i < p.length && i < from + 40; i++) {
            char c = (char) (p[i] & 0xFF);
            b.append(c >= 32 && c < 127 && c != '"' && c != '\\' ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.append(p.length - from > 40 ? "\"..." : "\"").toString();
    }

    private static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        private final DataOutputStream out = new DataOutputStream(bytes);

        void put(int b) {
            bytes.write(b);
        }

        void number(long v) {
            try {
                out.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            try {
                out.writeInt(b.length);
                out.write(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }

    private static final class Reader {
        private final DataInputStream in;

        Reader(byte[] p, int at) {
            in = new DataInputStream(new java.io.ByteArrayInputStream(p, at, p.length - at));
        }

        String string() {
            try {
                int n = in.readInt();
                if (n < 0 || n > in.available()) {
                    throw new CorruptJournalException("a stream event payload names a string longer than itself");
                }
                byte[] b = new byte[n];
                in.readFully(b);
                return new String(b, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CorruptJournalException("a process event payload is cut short");
            }
        }

        long signedLong() {
            try {
                return in.readLong();
            } catch (IOException e) {
                throw new CorruptJournalException("a process event payload is cut short");
            }
        }
    }
}
