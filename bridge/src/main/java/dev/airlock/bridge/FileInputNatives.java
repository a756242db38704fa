package dev.airlock.bridge;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The private natives of {@code FileInputStream} that the rewritten stream calls through
 * {@link Hooks}: every stream but stdin goes straight on to them. The agent opens {@code java.io} to
 * the bridge and checks {@link #ready()} before it rewrites {@code FileInputStream}; without them
 * the stream is left alone.
 */
public final class FileInputNatives {

    private static final MethodHandle READ0 = find("read0", MethodType.methodType(int.class));
    private static final MethodHandle READ_BYTES = find("readBytes",
        MethodType.methodType(int.class, byte[].class, int.class, int.class));
    private static final MethodHandle AVAILABLE0 = find("available0", MethodType.methodType(int.class));
    private static final MethodHandle SKIP0 = find("skip0", MethodType.methodType(long.class, long.class));
    private static final MethodHandle LENGTH0 = find("length0", MethodType.methodType(long.class));
    private static final MethodHandle POSITION0 = find("position0", MethodType.methodType(long.class));

    private static final java.lang.invoke.VarHandle PATH = pathField();

    private FileInputNatives() {
    }

    private static java.lang.invoke.VarHandle pathField() {
        try {
            return MethodHandles.privateLookupIn(FileInputStream.class, MethodHandles.lookup())
                .findVarHandle(FileInputStream.class, "path", String.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether a read of {@code in} may wait for the outside world: stdin, a pipe (a child's output, a
     * stream made from a descriptor), a device, or a file the recording keeps. What is left is a file of
     * the JVM's own (its installation, the class path), which the JDK reads, when it first needs it, at
     * moments recording and replay do not share: a class of the JDK initialized on a path only the
     * recording runs (the real connect of a socket) is initialized later in replay.
     */
    public static boolean mayBlock(FileInputStream in) {
        if (PATH == null || isStdin(in)) {
            return true;
        }
        String path = (String) PATH.get(in);
        return path == null || path.startsWith("/dev/") || FileMarks.marked(descriptor(in));
    }

    /** The stream's descriptor; null if it has none (closed streams still have theirs). */
    static FileDescriptor descriptor(FileInputStream in) {
        try {
            return in.getFD();
        } catch (IOException e) {
            return null;
        }
    }

    /** True when every native was found; Java 17 and later have all six. */
    public static boolean ready() {
        return READ0 != null && READ_BYTES != null && AVAILABLE0 != null && SKIP0 != null && LENGTH0 != null
            && POSITION0 != null;
    }

    public static boolean isStdin(FileInputStream in) {
        try {
            return in.getFD() == FileDescriptor.in;
        } catch (IOException e) {
            return false;
        }
    }

    private static MethodHandle find(String name, MethodType type) {
        try {
            return MethodHandles.privateLookupIn(FileInputStream.class, MethodHandles.lookup())
                .findVirtual(FileInputStream.class, name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Runs the native an operation stands for: see {@link Sink#stdin}. */
    public static long call(FileInputStream in, int op, byte[] b, int off, int len, long arg) throws IOException {
        try {
            switch (op) {
                case 'b':
                    return (int) READ0.invokeExact(in);
                case 'r':
                    return (int) READ_BYTES.invokeExact(in, b, off, len);
                case 'a':
                    return (int) AVAILABLE0.invokeExact(in);
                case 's':
                    return (long) SKIP0.invokeExact(in, arg);
                case 'l':
                    return (long) LENGTH0.invokeExact(in);
                case 'p':
                    return (long) POSITION0.invokeExact(in);
                case 'e':
                    return ConsoleNatives.echo(arg != 0) ? 1 : 0;
                default:
                    throw new IllegalArgumentException("no FileInputStream operation " + (char) op);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }
}
