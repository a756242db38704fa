package dev.airlock.bridge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Copies between native memory and arrays, for the few JDK natives that take an address rather than a
 * buffer (a datagram's bytes and its sender's address). Uses {@code jdk.internal.misc.Unsafe}, which the
 * agent opens to the bridge alone; {@code sun.misc.Unsafe} would print a warning on the application's
 * stderr on newer JDKs.
 */
public final class NativeMemory {

    private static final Object UNSAFE;
    private static final MethodHandle COPY;
    private static final long BYTES_BASE;

    static {
        Object unsafe = null;
        MethodHandle copy = null;
        long base = 0;
        try {
            Class<?> type = Class.forName("jdk.internal.misc.Unsafe", false, null);
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
            unsafe = lookup.findStatic(type, "getUnsafe", MethodType.methodType(type)).invoke();
            copy = lookup.findVirtual(type, "copyMemory", MethodType.methodType(void.class, Object.class, long.class,
                Object.class, long.class, long.class)).asType(MethodType.methodType(void.class, Object.class,
                Object.class, long.class, Object.class, long.class, long.class));
            // int up to Java 21, long since
            java.lang.reflect.Method offset = type.getMethod("arrayBaseOffset", Class.class);
            base = ((Number) lookup.unreflect(offset).invoke(unsafe, byte[].class)).longValue();
        } catch (Throwable t) {
            copy = null;
        }
        UNSAFE = unsafe;
        COPY = copy;
        BYTES_BASE = base;
    }

    private NativeMemory() {
    }

    public static boolean ready() {
        return COPY != null;
    }

    /** {@code n} bytes at {@code address}. */
    public static byte[] read(long address, int n) {
        byte[] out = new byte[Math.max(n, 0)];
        copy(null, address, out, BYTES_BASE, out.length);
        return out;
    }

    /** Puts {@code src[off..off+n)} at {@code address}. */
    public static void write(long address, byte[] src, int off, int n) {
        copy(src, BYTES_BASE + off, null, address, n);
    }

    private static void copy(Object src, long srcOffset, Object dst, long dstOffset, long n) {
        try {
            COPY.invokeExact(UNSAFE, src, srcOffset, dst, dstOffset, n);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
