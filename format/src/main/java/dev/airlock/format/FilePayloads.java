package dev.airlock.format;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Payloads of {@link EventKind#FILE_STAT} and {@link EventKind#FILE_LIST}.
 *
 * <ul>
 *   <li>stat: {@code op (byte), path, status, ...}: status 0 is a value (long) followed by the count and
 *       values of the file attributes read (longs; none for questions without attributes), 1 an errno
 *       (int), 2 an exception class and message</li>
 *   <li>list: {@code path, status}: 0 the count and the names, 1 none (null), 2 an exception class and
 *       message</li>
 * </ul>
 * Strings are UTF-8 with an int length.
 */
public final class FilePayloads {

    private FilePayloads() {
    }

    /** A decoded stat: the value and attributes, or an errno ({@code errno != 0}), or an exception. */
    public record Stat(char op, String path, long value, long[] attributes, int errno, String exceptionClass,
                       String message) {

        public boolean failed() {
            return errno != 0 || exceptionClass != null;
        }
    }

    /** A decoded listing: the names, or the exception. */
    public record Listing(String path, List<String> names, String exceptionClass, String message) {
    }

    public static byte[] stat(char op, String path, long value, long[] attributes) {
        Out o = new Out(op, path);
        o.byteValue(0);
        o.longValue(value);
        o.intValue(attributes == null ? 0 : attributes.length);
        if (attributes != null) {
            for (long a : attributes) {
                o.longValue(a);
            }
        }
        return o.bytes();
    }

    public static byte[] statErrno(char op, String path, int errno) {
        Out o = new Out(op, path);
        o.byteValue(1);
        o.intValue(errno);
        return o.bytes();
    }

    public static byte[] statFailed(char op, String path, Throwable failure) {
        FailureListener.recording(failure);
        Out o = new Out(op, path);
        o.byteValue(2);
        o.string(failure.getClass().getName());
        o.string(String.valueOf(failure.getMessage()));
        return o.bytes();
    }

    public static Stat stat(byte[] p) {
        In in = new In(p);
        char op = (char) in.byteValue();
        String path = in.string();
        int status = in.byteValue();
        if (status == 1) {
            return new Stat(op, path, 0, null, in.intValue(), null, null);
        }
        if (status == 2) {
            return new Stat(op, path, 0, null, 0, in.string(), in.string());
        }
        long value = in.longValue();
        int n = in.intValue();
        if (n < 0 || n > 64) {
            throw new CorruptJournalException("a file.stat payload names " + n + " attributes");
        }
        long[] attributes = new long[n];
        for (int i = 0; i < n; i++) {
            attributes[i] = in.longValue();
        }
        return new Stat(op, path, value, attributes, 0, null, null);
    }

    public static byte[] listing(String path, List<String> names) {
        Out o = new Out(null, path);
        o.byteValue(0);
        o.intValue(names.size());
        for (String name : names) {
            o.string(name);
        }
        return o.bytes();
    }

    /** {@code File.list()} answered null: not a directory, or unreadable. */
    public static byte[] listingNull(String path) {
        Out o = new Out(null, path);
        o.byteValue(1);
        return o.bytes();
    }

    public static byte[] listingFailed(String path, Throwable failure) {
        FailureListener.recording(failure);
        Out o = new Out(null, path);
        o.byteValue(2);
        o.string(failure.getClass().getName());
        o.string(String.valueOf(failure.getMessage()));
        return o.bytes();
    }

    /** A failure known by class name and message only (an errno, say). */
    public static byte[] listingFailed(String path, String exceptionClass, String message) {
        Out o = new Out(null, path);
        o.byteValue(2);
        o.string(exceptionClass);
        o.string(message);
        return o.bytes();
    }

    public static Listing listing(byte[] p) {
        In in = new In(p);
        String path = in.string();
        int status = in.byteValue();
        if (status == 1) {
            return new Listing(path, null, null, null);
        }
        if (status == 2) {
            return new Listing(path, null, in.string(), in.string());
        }
        int n = in.intValue();
        if (n < 0 || n > p.length) {
            throw new CorruptJournalException("a file.list payload names " + n + " entries");
        }
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(in.string());
        }
        return new Listing(path, names, null, null);
    }

    static String describe(EventKind kind, byte[] p) {
        if (kind == EventKind.FILE_LIST) {
            Listing l = listing(p);
            return l.path() + (l.exceptionClass() != null ? " failed: " + l.exceptionClass() + ": " + l.message()
                : l.names() == null ? " null" : " " + l.names().size() + " entries");
        }
        Stat s = stat(p);
        String what = operation(s.op()) + " " + s.path();
        if (s.errno() != 0) {
            return what + " errno " + s.errno();
        }
        if (s.exceptionClass() != null) {
            return what + " failed: " + s.exceptionClass() + ": " + s.message();
        }
        return what + " = " + s.value() + (s.attributes().length > 0 ? " (" + s.attributes().length + " attributes)" : "");
    }

    /** The question a stat op stands for, for people reading events. */
    public static String operation(char op) {
        return switch (op) {
            case 's', 'S' -> "stat";
            case 'l' -> "lstat";
            case 'm' -> "mode";
            case 'a', 'A' -> "access";
            case 'e' -> "exists";
            case 'h' -> "attributes";
            case 'c' -> "can-access";
            case 'L' -> "length";
            case 'M' -> "last-modified";
            case 'd' -> "delete";
            case 'k' -> "mkdir";
            case 'u' -> "unlink";
            case 'K' -> "mkdir";
            case 'r' -> "rmdir";
            case 'n', 'R' -> "rename";
            case 'p' -> "chmod";
            case 'o' -> "chown";
            case 'O' -> "lchown";
            case 't', 'z' -> "set-times";
            case 'T' -> "lset-times";
            case 'W' -> "set-last-modified";
            case 'P' -> "set-permission";
            case 'Y' -> "set-read-only";
            case 'N' -> "create-new";
            default -> String.valueOf(op);
        };
    }

    /** The encoding shared with {@link ChannelPayloads}. */
    static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(48);
        private final DataOutputStream out = new DataOutputStream(bytes);

        Out(Character op, String path) {
            if (op != null) {
                byteValue(op);
            }
            string(path);
        }

        void byteValue(int v) {
            bytes.write(v);
        }

        void intValue(int v) {
            try {
                out.writeInt(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void longValue(long v) {
            try {
                out.writeLong(v);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void string(String s) {
            try {
                byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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

    static final class In {
        private final DataInputStream in;

        In(byte[] p) {
            in = new DataInputStream(new ByteArrayInputStream(p));
        }

        int byteValue() {
            try {
                return in.readUnsignedByte();
            } catch (IOException e) {
                throw cut();
            }
        }

        int intValue() {
            try {
                return in.readInt();
            } catch (IOException e) {
                throw cut();
            }
        }

        long longValue() {
            try {
                return in.readLong();
            } catch (IOException e) {
                throw cut();
            }
        }

        String string() {
            int n = intValue();
            try {
                if (n < 0 || n > in.available()) {
                    throw new CorruptJournalException("a file event payload names a string longer than itself");
                }
                byte[] b = new byte[n];
                in.readFully(b);
                return new String(b, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw cut();
            }
        }

        private static CorruptJournalException cut() {
            return new CorruptJournalException("a file event payload is cut short");
        }
    }
}
