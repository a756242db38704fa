package dev.airlock.bridge;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Modifier;

/**
 * {@code RandomAccessFile}'s natives, whichever names this JDK gives them (Java 17: {@code readBytes},
 * {@code writeBytes}, public native {@code length} and {@code setLength}; Java 21 and later:
 * {@code readBytes0}, {@code writeBytes0}, {@code length0}, {@code setLength0}).
 */
public final class RandomAccessNatives {

    private static final MethodHandle OPEN = find("open0", void.class, String.class, int.class);
    private static final MethodHandle READ0 = find("read0", int.class);
    private static final MethodHandle READ_BYTES = findNative(int.class, new Class<?>[] {byte[].class, int.class, int.class},
        "readBytes0", "readBytes");
    private static final MethodHandle WRITE0 = find("write0", void.class, int.class);
    private static final MethodHandle WRITE_BYTES = findNative(void.class,
        new Class<?>[] {byte[].class, int.class, int.class}, "writeBytes0", "writeBytes");
    private static final MethodHandle SEEK0 = find("seek0", void.class, long.class);
    private static final MethodHandle LENGTH = findNative(long.class, new Class<?>[0], "length0", "length");
    private static final MethodHandle SET_LENGTH = findNative(void.class, new Class<?>[] {long.class}, "setLength0",
        "setLength");
    private static final MethodHandle POINTER = find("getFilePointer", long.class);

    private RandomAccessNatives() {
    }

    public static boolean ready() {
        return OPEN != null && READ0 != null && READ_BYTES != null && WRITE0 != null && WRITE_BYTES != null
            && SEEK0 != null && LENGTH != null && SET_LENGTH != null && POINTER != null;
    }

    /** Whether {@code name} is itself a native here (so the application calls it directly). */
    public static boolean isNative(String name, Class<?>... params) {
        try {
            return Modifier.isNative(RandomAccessFile.class.getDeclaredMethod(name, params).getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    public static void open(RandomAccessFile raf, String name, int mode) throws FileNotFoundException {
        try {
            OPEN.invokeExact(raf, name, mode);
        } catch (FileNotFoundException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * One native: {@code 'b'} read one byte, {@code 'r'} read into {@code b[off..off+len)}, {@code 'w'}
     * write the byte {@code arg}, {@code 'W'} write {@code b[off..off+len)}, {@code 'q'} seek to
     * {@code arg}, {@code 'l'} length, {@code 'L'} set the length to {@code arg}, {@code 'p'} the
     * file pointer.
     */
    public static long call(RandomAccessFile raf, int op, byte[] b, int off, int len, long arg) throws IOException {
        try {
            switch (op) {
                case 'b':
                    return (int) READ0.invokeExact(raf);
                case 'r':
                    return (int) READ_BYTES.invokeExact(raf, b, off, len);
                case 'w':
                    WRITE0.invokeExact(raf, (int) arg);
                    return 1;
                case 'W':
                    WRITE_BYTES.invokeExact(raf, b, off, len);
                    return len;
                case 'q':
                    SEEK0.invokeExact(raf, arg);
                    return arg;
                case 'l':
                    return (long) LENGTH.invokeExact(raf);
                case 'L':
                    SET_LENGTH.invokeExact(raf, arg);
                    return arg;
                case 'p':
                    return (long) POINTER.invokeExact(raf);
                default:
                    throw new IllegalArgumentException("no RandomAccessFile operation " + (char) op);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    private static MethodHandle find(String name, Class<?> ret, Class<?>... params) {
        return JdkLookup.virtual(RandomAccessFile.class, name, ret, params);
    }

    /** The first of {@code names} that is a native method with these parameters. */
    private static MethodHandle findNative(Class<?> ret, Class<?>[] params, String... names) {
        for (String name : names) {
            if (isNative(name, params)) {
                return find(name, ret, params);
            }
        }
        return null;
    }
}
