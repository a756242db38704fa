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

    private static volatile Method bind;
    private static volatile Method listen;
    private static volatile Method accept;
    private static volatile Method create;
    private static volatile java.lang.reflect.Field address;
    private static volatile java.lang.reflect.Field port;
    private static volatile java.lang.reflect.Field localPort;

    private SocketNatives() {
    }

    /**
     * Runs one server-socket operation for real: {@code 'b'} bind {@code impl} to {@code arg} (an
     * {@code InetAddress}) and {@code number} (a port), returning the bound port; {@code 'l'} listen
     * with backlog {@code number}; {@code 'A'} accept into {@code arg} (a {@code SocketImpl}).
     */
    public static long server(Object impl, int op, Object arg, int number) throws IOException {
        try {
            switch (op) {
                case 'b':
                    serverMethod('b').invoke(impl, arg, number);
                    return localPort().getInt(impl);
                case 'l':
                    serverMethod('l').invoke(impl, number);
                    return 0;
                case 'A':
                    serverMethod('A').invoke(impl, arg);
                    return 0;
                default:
                    throw new IllegalArgumentException("no server socket operation " + (char) op);
            }
        } catch (InvocationTargetException e) {
            throw Rethrow.cause(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Airlock cannot reach the socket implementation: " + e, e);
        }
    }

    /** The remote end of an accepted {@code SocketImpl}, as its fields hold it. */
    public static java.net.InetSocketAddress remote(Object impl) {
        try {
            return new java.net.InetSocketAddress((java.net.InetAddress) field('a').get(impl), field('p').getInt(impl));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int localPort(Object impl) {
        try {
            return localPort().getInt(impl);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Makes {@code impl} look like the recorded one without any network: an unconnected descriptor of
     * its own (so socket options and close work) when {@code create}, and the recorded ends.
     */
    public static void stage(Object impl, boolean create, java.net.InetAddress remote, int remotePort, int local) {
        try {
            if (create) {
                serverMethod('c').invoke(impl, true);
            }
            if (remote != null) {
                field('a').set(impl, remote);
                field('p').setInt(impl, remotePort);
            }
            localPort().setInt(impl, local);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Airlock cannot stage a replayed socket: " + e, e);
        }
    }

    private static Method serverMethod(int op) throws ReflectiveOperationException {
        Method m = op == 'b' ? bind : op == 'l' ? listen : op == 'A' ? accept : create;
        if (m != null) {
            return m;
        }
        switch (op) {
            case 'b':
                m = SocketImpl.class.getDeclaredMethod("bind", java.net.InetAddress.class, int.class);
                break;
            case 'l':
                m = SocketImpl.class.getDeclaredMethod("listen", int.class);
                break;
            case 'A':
                m = SocketImpl.class.getDeclaredMethod("accept", SocketImpl.class);
                break;
            default:
                m = SocketImpl.class.getDeclaredMethod("create", boolean.class);
        }
        m.setAccessible(true);
        if (op == 'b') {
            bind = m;
        } else if (op == 'l') {
            listen = m;
        } else if (op == 'A') {
            accept = m;
        } else {
            create = m;
        }
        return m;
    }

    private static java.lang.reflect.Field localPort() throws ReflectiveOperationException {
        return field('l');
    }

    private static java.lang.reflect.Field field(int which) throws ReflectiveOperationException {
        java.lang.reflect.Field f = which == 'a' ? address : which == 'p' ? port : localPort;
        if (f == null) {
            f = SocketImpl.class.getDeclaredField(which == 'a' ? "address" : which == 'p' ? "port" : "localport");
            f.setAccessible(true);
            if (which == 'a') {
                address = f;
            } else if (which == 'p') {
                port = f;
            } else {
                localPort = f;
            }
        }
        return f;
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
            throw Rethrow.cause(e);
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
