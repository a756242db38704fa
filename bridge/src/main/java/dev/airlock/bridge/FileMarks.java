package dev.airlock.bridge;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The file descriptors whose I/O is captured: those the application opened on a file the recording
 * keeps (and, on replay, the stand-in descriptors opened instead). Everything else the JVM reads or
 * writes (class files, its own libraries, the journal) is never in this set and goes straight on to
 * the native. Asked on every file read of the JVM, so a lookup is one bit test.
 *
 * <p>A mark is cleared as the descriptor is closed ({@code FileDescriptor.close}), before the number
 * can be reused.
 */
public final class FileMarks {

    private static final int LOW_LIMIT = 1 << 16;
    private static final AtomicLongArray LOW = new AtomicLongArray(LOW_LIMIT / 64);
    private static final Set<Integer> HIGH = ConcurrentHashMap.newKeySet();
    private static final VarHandle FD = fdField();

    private FileMarks() {
    }

    private static VarHandle fdField() {
        try {
            return MethodHandles.privateLookupIn(FileDescriptor.class, MethodHandles.lookup())
                .findVarHandle(FileDescriptor.class, "fd", int.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    static boolean ready() {
        return FD != null;
    }

    /** The descriptor's number, or -1 when closed or unknown. */
    public static int number(FileDescriptor fd) {
        return fd == null || FD == null ? -1 : (int) FD.getVolatile(fd);
    }

    /** Gives a descriptor object the number {@code fd} (replay's stand-in for an accepted connection). */
    public static void assign(FileDescriptor target, int fd) {
        FD.setVolatile(target, fd);
    }

    public static void mark(int fd) {
        if (fd < 0) {
            return;
        }
        if (fd < LOW_LIMIT) {
            setBit(fd, true);
        } else {
            HIGH.add(fd);
        }
    }

    public static void unmark(int fd) {
        if (fd < 0) {
            return;
        }
        if (fd < LOW_LIMIT) {
            setBit(fd, false);
        } else {
            HIGH.remove(fd);
        }
    }

    private static void setBit(int fd, boolean on) {
        long bit = 1L << (fd & 63);
        int word = fd >>> 6;
        long old;
        do {
            old = LOW.get(word);
        } while (!LOW.compareAndSet(word, old, on ? old | bit : old & ~bit));
    }

    public static boolean marked(int fd) {
        if (fd < 0) {
            return false;
        }
        if (fd < LOW_LIMIT) {
            return (LOW.get(fd >>> 6) & (1L << (fd & 63))) != 0;
        }
        return HIGH.contains(fd);
    }

    public static boolean marked(FileDescriptor fd) {
        return marked(number(fd));
    }
}
