package dev.airlock.bridge;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The JDK's own file operations below the public API, as the rewritten JDK code would have called them:
 * {@code FileInputStream}/{@code FileOutputStream} natives, {@code sun.nio.ch.IOUtil} and the file
 * dispatcher for channels, {@code sun.nio.fs.UnixNativeDispatcher} for NIO paths, and
 * {@code java.io.FileSystem} for {@code java.io.File}. Recording performs them and keeps the outcome;
 * descriptors that are not captured always go straight through here. The agent opens {@code java.io},
 * {@code sun.nio.ch} and {@code sun.nio.fs} to the bridge first, and turns the file rules on only when
 * {@link #ready()}.
 */
public final class FileNatives {

    private static final MethodHandle FIS_OPEN = JdkLookup.virtual(FileInputStream.class, "open0", void.class, String.class);
    private static final MethodHandle FOS_OPEN = JdkLookup.virtual(FileOutputStream.class, "open0", void.class, String.class,
        boolean.class);
    private static final MethodHandle FOS_WRITE = JdkLookup.virtual(FileOutputStream.class, "write", void.class, int.class,
        boolean.class);
    private static final MethodHandle FOS_WRITE_BYTES = JdkLookup.virtual(FileOutputStream.class, "writeBytes", void.class,
        byte[].class, int.class, int.class, boolean.class);
    /** Java 21+: whether the stream's file is a regular one decides how readAllBytes and skip work. */
    private static final MethodHandle IS_REGULAR = JdkLookup.virtual(FileInputStream.class, "isRegularFile0", boolean.class,
        FileDescriptor.class);
    private static final MethodHandle FD_CLOSE = JdkLookup.virtual(FileDescriptor.class, "close0", void.class);

    private static final Class<?> IO_UTIL = JdkLookup.type("sun.nio.ch.IOUtil");
    private static final Class<?> NATIVE_DISPATCHER = JdkLookup.type("sun.nio.ch.NativeDispatcher");
    private static final Class<?> FILE_DISPATCHER = JdkLookup.type("sun.nio.ch.FileDispatcher");
    private static final MethodHandle READ = JdkLookup.statik(IO_UTIL, "read", int.class, FileDescriptor.class, ByteBuffer.class,
        long.class, boolean.class, int.class, NATIVE_DISPATCHER);
    private static final MethodHandle READV = JdkLookup.statik(IO_UTIL, "read", long.class, FileDescriptor.class,
        ByteBuffer[].class, int.class, int.class, boolean.class, int.class, NATIVE_DISPATCHER);
    private static final MethodHandle WRITE = JdkLookup.statik(IO_UTIL, "write", int.class, FileDescriptor.class, ByteBuffer.class,
        long.class, boolean.class, int.class, NATIVE_DISPATCHER);
    private static final MethodHandle WRITEV = JdkLookup.statik(IO_UTIL, "write", long.class, FileDescriptor.class,
        ByteBuffer[].class, int.class, int.class, boolean.class, int.class, NATIVE_DISPATCHER);
    private static final MethodHandle SIZE = JdkLookup.virtualIn(FILE_DISPATCHER, "size", long.class, FileDescriptor.class);
    private static final MethodHandle SEEK = JdkLookup.virtualIn(FILE_DISPATCHER, "seek", long.class, FileDescriptor.class,
        long.class);
    private static final MethodHandle TRUNCATE = JdkLookup.virtualIn(FILE_DISPATCHER, "truncate", int.class,
        FileDescriptor.class, long.class);
    private static final MethodHandle AVAILABLE = JdkLookup.virtualIn(FILE_DISPATCHER, "available", int.class,
        FileDescriptor.class);
    private static final Class<?> FILE_CHANNEL = JdkLookup.type("sun.nio.ch.FileChannelImpl");
    /** Java 17: the channel maps and transfers through its own natives. */
    private static final MethodHandle MAP0 = JdkLookup.virtualIn(FILE_CHANNEL, "map0", long.class, int.class, long.class,
        long.class, boolean.class);
    private static final MethodHandle TRANSFER_TO0 = JdkLookup.virtualIn(FILE_CHANNEL, "transferTo0", long.class,
        FileDescriptor.class, long.class, long.class, FileDescriptor.class);
    /** Java 21 and later: through the dispatcher. */
    private static final MethodHandle MAP = JdkLookup.virtualIn(FILE_DISPATCHER, "map", long.class, FileDescriptor.class,
        int.class, long.class, long.class, boolean.class);
    private static final MethodHandle TRANSFER_TO = JdkLookup.virtualIn(FILE_DISPATCHER, "transferTo", long.class,
        FileDescriptor.class, long.class, long.class, FileDescriptor.class, boolean.class);
    private static final MethodHandle TRANSFER_FROM = JdkLookup.virtualIn(FILE_DISPATCHER, "transferFrom", long.class,
        FileDescriptor.class, FileDescriptor.class, long.class, long.class, boolean.class);
    private static final Field CHANNEL_FD = JdkLookup.field(FILE_CHANNEL, "fd");
    private static final MethodHandle IS_OTHER = JdkLookup.virtualIn(FILE_DISPATCHER, "isOther", boolean.class,
        FileDescriptor.class);
    private static final int UNSUPPORTED_CASE = JdkLookup.intConstant("sun.nio.ch.IOStatus", "UNSUPPORTED_CASE", -6);

    private static final Class<?> UNIX_PATH = JdkLookup.type("sun.nio.fs.UnixPath");
    private static final Class<?> UNIX_DISPATCHER = JdkLookup.type("sun.nio.fs.UnixNativeDispatcher");
    private static final Class<?> UNIX_ATTRIBUTES = JdkLookup.type("sun.nio.fs.UnixFileAttributes");
    private static final Class<?> UNIX_EXCEPTION = JdkLookup.type("sun.nio.fs.UnixException");
    private static final MethodHandle OPEN = JdkLookup.statik(UNIX_DISPATCHER, "open", int.class, UNIX_PATH, int.class, int.class);
    private static final MethodHandle STAT = JdkLookup.statik(UNIX_DISPATCHER, "stat", void.class, UNIX_PATH, UNIX_ATTRIBUTES);
    private static final MethodHandle STAT2 = JdkLookup.statik(UNIX_DISPATCHER, "stat2", int.class, UNIX_PATH, UNIX_ATTRIBUTES);
    private static final MethodHandle LSTAT = JdkLookup.statik(UNIX_DISPATCHER, "lstat", void.class, UNIX_PATH, UNIX_ATTRIBUTES);
    private static final MethodHandle MODE = JdkLookup.statik(UNIX_DISPATCHER, "stat", int.class, UNIX_PATH);
    private static final MethodHandle ACCESS = JdkLookup.statik(UNIX_DISPATCHER, "access", void.class, UNIX_PATH, int.class);
    private static final MethodHandle ACCESS_ERRNO = JdkLookup.statik(UNIX_DISPATCHER, "access", int.class, UNIX_PATH, int.class);
    private static final MethodHandle EXISTS = JdkLookup.statik(UNIX_DISPATCHER, "exists", boolean.class, UNIX_PATH);
    private static final MethodHandle UNLINK = JdkLookup.statik(UNIX_DISPATCHER, "unlink", void.class, UNIX_PATH);
    private static final MethodHandle MKDIR = JdkLookup.statik(UNIX_DISPATCHER, "mkdir", void.class, UNIX_PATH, int.class);
    private static final MethodHandle RMDIR = JdkLookup.statik(UNIX_DISPATCHER, "rmdir", void.class, UNIX_PATH);
    private static final MethodHandle FCHMOD = JdkLookup.statik(UNIX_DISPATCHER, "fchmod", void.class, int.class,
        int.class);
    private static final MethodHandle FCHOWN = JdkLookup.statik(UNIX_DISPATCHER, "fchown", void.class, int.class,
        int.class, int.class);
    /** Java 17: futimes; Java 21 and later: futimens. */
    private static final MethodHandle FUTIMES = times();
    private static final MethodHandle RENAME = JdkLookup.statik(UNIX_DISPATCHER, "rename", void.class, UNIX_PATH,
        UNIX_PATH);
    // Changes to a path's metadata (Files.setPosixFilePermissions, setOwner, setLastModifiedTime, ...); which
    // of them a JDK has varies (lutimes and utimes up to Java 21, utimensat later), so each may be null.
    private static final MethodHandle REALPATH = JdkLookup.statik(UNIX_DISPATCHER, "realpath", byte[].class, UNIX_PATH);
    private static final MethodHandle READLINK = JdkLookup.statik(UNIX_DISPATCHER, "readlink", byte[].class, UNIX_PATH);
    private static final MethodHandle CHMOD = JdkLookup.statik(UNIX_DISPATCHER, "chmod", void.class, UNIX_PATH, int.class);
    private static final MethodHandle CHOWN = JdkLookup.statik(UNIX_DISPATCHER, "chown", void.class, UNIX_PATH, int.class,
        int.class);
    private static final MethodHandle LCHOWN = JdkLookup.statik(UNIX_DISPATCHER, "lchown", void.class, UNIX_PATH, int.class,
        int.class);
    private static final MethodHandle UTIMES = JdkLookup.statik(UNIX_DISPATCHER, "utimes", void.class, UNIX_PATH, long.class,
        long.class);
    private static final MethodHandle LUTIMES = JdkLookup.statik(UNIX_DISPATCHER, "lutimes", void.class, UNIX_PATH, long.class,
        long.class);
    private static final MethodHandle UTIMENSAT = JdkLookup.statik(UNIX_DISPATCHER, "utimensat", void.class, int.class,
        UNIX_PATH, long.class, long.class, int.class);
    /** Java 17: close(int); Java 21 and later also close(int, Function) for callers that map the failure. */
    private static final MethodHandle CLOSE_INT = JdkLookup.statik(UNIX_DISPATCHER, "close", void.class, int.class);
    private static final MethodHandle CLOSE_INT_OR = JdkLookup.statik(UNIX_DISPATCHER, "close", void.class, int.class,
        java.util.function.Function.class);
    private static final MethodHandle NEW_UNIX_EXCEPTION = JdkLookup.constructor(UNIX_EXCEPTION, int.class);
    private static final MethodHandle ERRNO = JdkLookup.virtualIn(UNIX_EXCEPTION, "errno", int.class);
    private static final int O_CREAT = JdkLookup.intConstant("sun.nio.fs.UnixConstants", "O_CREAT", 0100);
    private static final int O_EXCL = JdkLookup.intConstant("sun.nio.fs.UnixConstants", "O_EXCL", 0200);
    private static final Field[] ATTRIBUTES = attributeFields();

    private static final Class<?> IO_FILE_SYSTEM = JdkLookup.type("java.io.FileSystem");
    private static final MethodHandle HAS_ATTRIBUTES = JdkLookup.virtualIn(IO_FILE_SYSTEM, "hasBooleanAttributes", boolean.class,
        File.class, int.class);
    private static final MethodHandle CHECK_ACCESS = JdkLookup.virtualIn(IO_FILE_SYSTEM, "checkAccess", boolean.class, File.class,
        int.class);
    private static final MethodHandle LENGTH = JdkLookup.virtualIn(IO_FILE_SYSTEM, "getLength", long.class, File.class);
    private static final MethodHandle LAST_MODIFIED = JdkLookup.virtualIn(IO_FILE_SYSTEM, "getLastModifiedTime", long.class,
        File.class);
    private static final MethodHandle DELETE = JdkLookup.virtualIn(IO_FILE_SYSTEM, "delete", boolean.class, File.class);
    private static final MethodHandle CREATE_DIRECTORY = JdkLookup.virtualIn(IO_FILE_SYSTEM, "createDirectory", boolean.class,
        File.class);
    private static final MethodHandle LIST = JdkLookup.virtualIn(IO_FILE_SYSTEM, "list", String[].class, File.class);
    private static final MethodHandle CANONICALIZE = JdkLookup.virtualIn(IO_FILE_SYSTEM, "canonicalize", String.class,
        String.class);
    private static final MethodHandle IO_RENAME = JdkLookup.virtualIn(IO_FILE_SYSTEM, "rename", boolean.class, File.class,
        File.class);
    private static final MethodHandle SET_LAST_MODIFIED = JdkLookup.virtualIn(IO_FILE_SYSTEM, "setLastModifiedTime",
        boolean.class, File.class, long.class);
    private static final MethodHandle SET_PERMISSION = JdkLookup.virtualIn(IO_FILE_SYSTEM, "setPermission", boolean.class,
        File.class, int.class, boolean.class, boolean.class);
    private static final MethodHandle SET_READ_ONLY = JdkLookup.virtualIn(IO_FILE_SYSTEM, "setReadOnly", boolean.class,
        File.class);
    private static final MethodHandle CREATE_EXCLUSIVELY = JdkLookup.virtualIn(IO_FILE_SYSTEM, "createFileExclusively",
        boolean.class, String.class);

    private FileNatives() {
    }

    /** True when everything the file rules call is there (Java 17 to 25 on Linux and macOS). */
    public static boolean ready() {
        return FileMarks.ready() && FIS_OPEN != null && FOS_OPEN != null && FOS_WRITE != null
            && FOS_WRITE_BYTES != null && FD_CLOSE != null && READ != null && READV != null && WRITE != null
            && WRITEV != null && SIZE != null && SEEK != null && TRUNCATE != null && OPEN != null && STAT != null
            && LSTAT != null && RENAME != null && FCHMOD != null && FCHOWN != null && FUTIMES != null && (CLOSE_INT != null || CLOSE_INT_OR != null) && NEW_UNIX_EXCEPTION != null && ERRNO != null && ATTRIBUTES.length > 0
            && HAS_ATTRIBUTES != null && CHECK_ACCESS != null && LENGTH != null && LAST_MODIFIED != null
            && DELETE != null && CREATE_DIRECTORY != null && LIST != null;
    }

    // --- java.io streams -------------------------------------------------------------------------

    public static void openInput(FileInputStream in, String name) throws FileNotFoundException {
        try {
            FIS_OPEN.invokeExact(in, name);
        } catch (FileNotFoundException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static void openOutput(FileOutputStream out, String name, boolean append) throws FileNotFoundException {
        try {
            FOS_OPEN.invokeExact(out, name, append);
        } catch (FileNotFoundException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code FileOutputStream}'s write natives: one byte when {@code b} is null. */
    public static void write(FileOutputStream out, byte[] b, int off, int len, int oneByte, boolean append)
        throws IOException {
        try {
            if (b == null) {
                FOS_WRITE.invokeExact(out, oneByte, append);
            } else {
                FOS_WRITE_BYTES.invokeExact(out, b, off, len, append);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Java 21+'s {@code FileInputStream.isRegularFile0}. */
    public static boolean isRegularFile(FileInputStream in, FileDescriptor fd) {
        try {
            return (boolean) IS_REGULAR.invokeExact(in, fd);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Clears the descriptor's mark, then closes it as {@code FileDescriptor.close} would. */
    public static void close(FileDescriptor fd) throws IOException {
        FileMarks.unmark(FileMarks.number(fd));
        try {
            FD_CLOSE.invokeExact(fd);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    // --- channels (sun.nio.ch) -------------------------------------------------------------------

    /**
     * One channel operation: {@code 'r'} read into {@code buffers} (a ByteBuffer) at {@code position}
     * (-1: the current one), {@code 'v'} read into {@code buffers[off..off+len)}, {@code 'w'} and
     * {@code 'W'} the writes, {@code 'z'} size, {@code 'q'} seek to {@code position} (-1: ask),
     * {@code 't'} truncate to {@code position}, {@code 'a'} available, {@code 'o'} whether the file is
     * something other than a regular file (Java 21+).
     */
    public static long channel(int op, Object nd, FileDescriptor fd, Object buffers, int off, int len, long position,
                               boolean direct, int alignment) throws IOException {
        try {
            switch (op) {
                case 'r':
                    return (int) READ.invokeExact(fd, (ByteBuffer) buffers, position, direct, alignment, nd);
                case 'v':
                    return (long) READV.invokeExact(fd, (ByteBuffer[]) buffers, off, len, direct, alignment, nd);
                case 'w':
                    return (int) WRITE.invokeExact(fd, (ByteBuffer) buffers, position, direct, alignment, nd);
                case 'W':
                    return (long) WRITEV.invokeExact(fd, (ByteBuffer[]) buffers, off, len, direct, alignment, nd);
                case 'z':
                    return (long) SIZE.invokeExact(nd, fd);
                case 'q':
                    return (long) SEEK.invokeExact(nd, fd, position);
                case 't':
                    return (int) TRUNCATE.invokeExact(nd, fd, position);
                case 'a':
                    return (int) AVAILABLE.invokeExact(nd, fd);
                case 'o':
                    return (boolean) IS_OTHER.invokeExact(nd, fd) ? 1 : 0;
                default:
                    throw new IllegalArgumentException("no channel operation " + (char) op);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** What a direct transfer returns to make the channel fall back to reads and writes. */
    public static int unsupportedCase() {
        return UNSUPPORTED_CASE;
    }

    /** The descriptor of a {@code FileChannelImpl}. */
    public static FileDescriptor channelDescriptor(Object channel) {
        try {
            return (FileDescriptor) CHANNEL_FD.get(channel);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Java 17's {@code FileChannelImpl.map0}. */
    public static long map0(Object channel, int prot, long position, long size, boolean sync) throws IOException {
        try {
            return (long) MAP0.invokeExact(channel, prot, position, size, sync);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Java 21+'s {@code FileDispatcher.map}. */
    public static long map(Object nd, FileDescriptor fd, int prot, long position, long size, boolean sync)
        throws IOException {
        try {
            return (long) MAP.invokeExact(nd, fd, prot, position, size, sync);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Java 17's {@code FileChannelImpl.transferTo0}. */
    public static long transferTo0(Object channel, FileDescriptor src, long position, long count, FileDescriptor dst) {
        try {
            return (long) TRANSFER_TO0.invokeExact(channel, src, position, count, dst);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Java 21+'s {@code FileDispatcher.transferTo} ({@code from} false) and {@code transferFrom}. */
    public static long transfer(boolean from, Object nd, FileDescriptor a, FileDescriptor b, long position, long count,
                                boolean append) throws IOException {
        try {
            return from ? (long) TRANSFER_FROM.invokeExact(nd, a, b, position, count, append)
                : (long) TRANSFER_TO.invokeExact(nd, a, position, count, b, append);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    // --- NIO paths (sun.nio.fs) ------------------------------------------------------------------

    public static int open(Object path, int flags, int mode) throws Exception {
        try {
            return (int) OPEN.invokeExact(path, flags, mode);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Opens {@code path} as the program asked, except that it need not be new: a replay sandbox's copy. */
    public static int openAgain(java.nio.file.Path path, int flags, int mode) throws Exception {
        return open(path, flags & ~O_EXCL, mode);
    }

    /** Opens {@code /dev/null} as a replayed file's descriptor, asking for what the program asked but creating nothing. */
    public static int openStandIn(int flags, int mode) throws Exception {
        return open(java.nio.file.Path.of("/dev/null"), flags & ~(O_CREAT | O_EXCL), mode);
    }

    /**
     * One question about a path (see {@code Sink.path}); the attributes are filled by {@code 's'},
     * {@code 'S'} and {@code 'l'}.
     */
    public static long path(int op, Object path, Object attributes, int arg) throws Exception {
        try {
            switch (op) {
                case 's':
                    STAT.invokeExact(path, attributes);
                    return 0;
                case 'S':
                    return (int) STAT2.invokeExact(path, attributes);
                case 'l':
                    LSTAT.invokeExact(path, attributes);
                    return 0;
                case 'm':
                    return (int) MODE.invokeExact(path);
                case 'a':
                    ACCESS.invokeExact(path, arg);
                    return 0;
                case 'A':
                    return (int) ACCESS_ERRNO.invokeExact(path, arg);
                case 'e':
                    return (boolean) EXISTS.invokeExact(path) ? 1 : 0;
                case 'u':
                    UNLINK.invokeExact(path);
                    return 0;
                case 'K':
                    MKDIR.invokeExact(path, arg);
                    return 0;
                case 'r':
                    RMDIR.invokeExact(path);
                    return 0;
                case 'n':
                    RENAME.invokeExact(path, attributes);
                    return 0;
                case 'p':
                    CHMOD.invokeExact(path, arg);
                    return 0;
                case 'o':
                    CHOWN.invokeExact(path, ((int[]) attributes)[0], ((int[]) attributes)[1]);
                    return 0;
                case 'O':
                    LCHOWN.invokeExact(path, ((int[]) attributes)[0], ((int[]) attributes)[1]);
                    return 0;
                case 't':
                    UTIMES.invokeExact(path, ((long[]) attributes)[0], ((long[]) attributes)[1]);
                    return 0;
                case 'T':
                    LUTIMES.invokeExact(path, ((long[]) attributes)[0], ((long[]) attributes)[1]);
                    return 0;
                case 'z':
                    long[] at = (long[]) attributes;
                    UTIMENSAT.invokeExact((int) at[2], path, at[0], at[1], (int) at[3]);
                    return 0;
                default:
                    throw new IllegalArgumentException("no path operation " + (char) op);
            }
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * A path's name as the file system resolves it: {@code 'R'} {@code realpath} (a {@code UnixPath}'s
     * {@code toRealPath}), {@code 'l'} {@code readlink} ({@code Files.readSymbolicLink}), each as bytes
     * in a Latin-1 string, or {@code 'C'} {@code java.io.FileSystem.canonicalize} of the string
     * {@code path} through {@code fs} ({@code File.getCanonicalPath}).
     */
    public static String pathText(int op, Object fs, Object path) throws Exception {
        try {
            switch (op) {
                case 'R':
                    return new String((byte[]) REALPATH.invokeExact(path), java.nio.charset.StandardCharsets.ISO_8859_1);
                case 'l':
                    return new String((byte[]) READLINK.invokeExact(path), java.nio.charset.StandardCharsets.ISO_8859_1);
                case 'C':
                    return (String) CANONICALIZE.invokeExact(fs, (String) path);
                default:
                    throw new IllegalArgumentException("no path name operation " + (char) op);
            }
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Closes a descriptor the NIO file system opened by number (a copy's or a move's), clearing its mark
     * first; {@code orElse} is Java 21+'s mapping of the failure, or null.
     */
    public static void closeNumber(int fd, Object orElse) throws Exception {
        FileMarks.unmark(fd);
        try {
            if (orElse == null) {
                CLOSE_INT.invokeExact(fd);
            } else {
                CLOSE_INT_OR.invokeExact(fd, (java.util.function.Function) orElse);
            }
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle times() {
        MethodHandle h = JdkLookup.statik(UNIX_DISPATCHER, "futimens", void.class, int.class, long.class, long.class);
        return h != null ? h : JdkLookup.statik(UNIX_DISPATCHER, "futimes", void.class, int.class, long.class, long.class);
    }

    /**
     * A change to an open file's metadata, as a copy with {@code COPY_ATTRIBUTES} makes it: {@code 'm'}
     * mode {@code a}, {@code 'o'} owner {@code a} and group {@code b}, {@code 't'} access time {@code a}
     * and modification time {@code b}.
     */
    public static void changeOpen(int op, int fd, long a, long b) throws Exception {
        try {
            switch (op) {
                case 'm':
                    FCHMOD.invokeExact(fd, (int) a);
                    break;
                case 'o':
                    FCHOWN.invokeExact(fd, (int) a, (int) b);
                    break;
                case 't':
                    FUTIMES.invokeExact(fd, a, b);
                    break;
                default:
                    throw new IllegalArgumentException("no metadata change " + (char) op);
            }
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The errno of a {@code sun.nio.fs.UnixException}, or 0 for any other failure. */
    public static int errno(Throwable failure) {
        if (UNIX_EXCEPTION == null || !UNIX_EXCEPTION.isInstance(failure)) {
            return 0;
        }
        try {
            return (int) ERRNO.invokeExact((Object) failure);
        } catch (Throwable t) {
            return 0;
        }
    }

    /** A {@code sun.nio.fs.UnixException} for {@code errno}, as the JDK would have thrown it. */
    public static Exception unixException(int errno) {
        try {
            return (Exception) NEW_UNIX_EXCEPTION.invokeExact(errno);
        } catch (Throwable t) {
            return new IOException("errno " + errno);
        }
    }

    /** The primitive fields of a {@code UnixFileAttributes}, in name order. */
    public static long[] attributes(Object attributes) {
        long[] values = new long[ATTRIBUTES.length];
        try {
            for (int i = 0; i < values.length; i++) {
                Field f = ATTRIBUTES[i];
                values[i] = f.getType() == int.class ? f.getInt(attributes)
                    : f.getType() == boolean.class ? (f.getBoolean(attributes) ? 1 : 0) : f.getLong(attributes);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    /** Sets recorded attribute values back; false when their count is not this JDK's. */
    public static boolean restoreAttributes(Object attributes, long[] values) {
        if (values.length != ATTRIBUTES.length) {
            return false;
        }
        try {
            for (int i = 0; i < values.length; i++) {
                Field f = ATTRIBUTES[i];
                if (f.getType() == int.class) {
                    f.setInt(attributes, (int) values[i]);
                } else if (f.getType() == boolean.class) {
                    f.setBoolean(attributes, values[i] != 0);
                } else {
                    f.setLong(attributes, values[i]);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return true;
    }

    // --- java.io.File (java.io.FileSystem) -------------------------------------------------------

    /**
     * One question or change through {@code java.io.FileSystem}: {@code 'h'} has attributes {@code arg},
     * {@code 'c'} check access {@code arg}, {@code 'L'} length, {@code 'M'} last modified, {@code 'd'}
     * delete, {@code 'k'} create directory; booleans as 1 and 0.
     */
    public static long ioFile(int op, Object fs, File f, int arg) {
        try {
            switch (op) {
                case 'h':
                    return (boolean) HAS_ATTRIBUTES.invokeExact(fs, f, arg) ? 1 : 0;
                case 'c':
                    return (boolean) CHECK_ACCESS.invokeExact(fs, f, arg) ? 1 : 0;
                case 'L':
                    return (long) LENGTH.invokeExact(fs, f);
                case 'M':
                    return (long) LAST_MODIFIED.invokeExact(fs, f);
                case 'd':
                    return (boolean) DELETE.invokeExact(fs, f) ? 1 : 0;
                case 'k':
                    return (boolean) CREATE_DIRECTORY.invokeExact(fs, f) ? 1 : 0;
                default:
                    throw new IllegalArgumentException("no java.io.File operation " + (char) op);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * One change through {@code java.io.FileSystem}: {@code 'R'} rename to {@code arg} (a File),
     * {@code 'W'} set the last-modified time {@code arg} (a Long), {@code 'P'} set a permission
     * ({@code arg}: int[] {access, enable, owner only}), {@code 'Y'} set read-only, {@code 'N'} create
     * the file {@code f} if it does not exist; booleans as 1 and 0.
     */
    public static long ioChange(int op, Object fs, File f, Object arg) throws IOException {
        try {
            switch (op) {
                case 'R':
                    return (boolean) IO_RENAME.invokeExact(fs, f, (File) arg) ? 1 : 0;
                case 'W':
                    return (boolean) SET_LAST_MODIFIED.invokeExact(fs, f, ((Long) arg).longValue()) ? 1 : 0;
                case 'P':
                    int[] p = (int[]) arg;
                    return (boolean) SET_PERMISSION.invokeExact(fs, f, p[0], p[1] != 0, p[2] != 0) ? 1 : 0;
                case 'Y':
                    return (boolean) SET_READ_ONLY.invokeExact(fs, f) ? 1 : 0;
                case 'N':
                    return (boolean) CREATE_EXCLUSIVELY.invokeExact(fs, f.getPath()) ? 1 : 0;
                default:
                    throw new IllegalArgumentException("no java.io.File change " + (char) op);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static String[] ioList(Object fs, File f) {
        try {
            return (String[]) LIST.invokeExact(fs, f);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static Field[] attributeFields() {
        if (UNIX_ATTRIBUTES == null) {
            return new Field[0];
        }
        try {
            List<Field> fields = new ArrayList<>();
            for (Field f : UNIX_ATTRIBUTES.getDeclaredFields()) {
                Class<?> t = f.getType();
                if (!Modifier.isStatic(f.getModifiers()) && (t == int.class || t == long.class || t == boolean.class)) {
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
            fields.sort(Comparator.comparing(Field::getName));
            return fields.toArray(new Field[0]);
        } catch (RuntimeException e) {
            return new Field[0];
        }
    }
}
