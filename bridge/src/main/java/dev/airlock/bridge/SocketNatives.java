package dev.airlock.bridge;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.SocketAddress;
import java.net.SocketImpl;

/**
 * The socket operations that {@link Hooks} stands in for: {@code SocketImpl.connect} as
 * {@code Socket.connect} calls it, and the private {@code read}, {@code write} and {@code available}
 * of {@code sun.nio.ch.NioSocketImpl} that its streams call. The agent opens {@code java.net} and
 * {@code sun.nio.ch} to the bridge first.
 */
public final class SocketNatives {

    private static volatile Method connect;
    private static volatile Method read;
    private static volatile Method write;
    private static volatile Method available;

    private SocketNatives() {
    }

    /** Runs one operation for real: see {@link Sink#socket}. */
    public static long call(Object impl, int op, byte[] b, int off, int len, SocketAddress address, int timeout)
        throws IOException {
        try {
            switch (op) {
                case 'c':
                    method('c').invoke(impl, address, timeout);
                    return 0;
                case 'r':
                    return (Integer) method('r').invoke(impl, b, off, len);
                case 'w':
                    method('w').invoke(impl, b, off, len);
                    return len;
                case 'a':
                    return (Integer) method('a').invoke(impl);
                default:
                    throw new IllegalArgumentException("no socket operation " + (char) op);
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IOException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Airlock cannot reach the socket implementation: " + e, e);
        }
    }

    private static Method method(int op) throws ReflectiveOperationException {
        Method m = op == 'c' ? connect : op == 'r' ? read : op == 'w' ? write : available;
        if (m != null) {
            return m;
        }
        Class<?> nio = Class.forName("sun.nio.ch.NioSocketImpl");
        switch (op) {
            case 'c':
                m = SocketImpl.class.getDeclaredMethod("connect", SocketAddress.class, int.class);
                break;
            case 'r':
                m = nio.getDeclaredMethod("read", byte[].class, int.class, int.class);
                break;
            case 'w':
                m = nio.getDeclaredMethod("write", byte[].class, int.class, int.class);
                break;
            default:
                m = nio.getDeclaredMethod("available");
        }
        m.setAccessible(true);
        if (op == 'c') {
            connect = m;
        } else if (op == 'r') {
            read = m;
        } else if (op == 'w') {
            write = m;
        } else {
            available = m;
        }
        return m;
    }
}
