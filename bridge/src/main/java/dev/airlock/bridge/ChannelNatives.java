package dev.airlock.bridge;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * The network calls of NIO socket channels and the epoll selector below the public API, as
 * {@code SocketChannelImpl}, {@code ServerSocketChannelImpl} and {@code EPollSelectorImpl} make them
 * ({@code sun.nio.ch.Net}, {@code IOUtil}, {@code EPoll}). Recording performs them; descriptors that
 * are not captured always go straight through here.
 */
public final class ChannelNatives {

    private static final Class<?> NET = JdkLookup.type("sun.nio.ch.Net");
    private static final Class<?> IO_UTIL = JdkLookup.type("sun.nio.ch.IOUtil");
    private static final Class<?> EPOLL = JdkLookup.type("sun.nio.ch.EPoll");
    private static final Class<?> NATIVE_DISPATCHER = JdkLookup.type("sun.nio.ch.NativeDispatcher");
    private static final MethodHandle CONNECT = JdkLookup.statik(NET, "connect", int.class, ProtocolFamily.class,
        FileDescriptor.class, SocketAddress.class);
    private static final MethodHandle POLL_CONNECT = JdkLookup.statik(NET, "pollConnectNow", boolean.class, FileDescriptor.class);
    private static final MethodHandle BIND = JdkLookup.statik(NET, "bind", void.class, ProtocolFamily.class, FileDescriptor.class,
        InetAddress.class, int.class);
    private static final MethodHandle LISTEN = JdkLookup.statik(NET, "listen", void.class, FileDescriptor.class, int.class);
    private static final MethodHandle ACCEPT = JdkLookup.statik(NET, "accept", int.class, FileDescriptor.class,
        FileDescriptor.class, InetSocketAddress[].class);
    private static final MethodHandle LOCAL_ADDRESS = JdkLookup.statik(NET, "localAddress", InetSocketAddress.class,
        FileDescriptor.class);
    private static final MethodHandle AVAILABLE = JdkLookup.statik(NET, "available", int.class, FileDescriptor.class);
    private static final MethodHandle SHUTDOWN = JdkLookup.statik(NET, "shutdown", void.class, FileDescriptor.class, int.class);
    private static final MethodHandle SOCKET = JdkLookup.statik(NET, "socket", FileDescriptor.class, ProtocolFamily.class,
        boolean.class);
    private static final MethodHandle READ = JdkLookup.statik(IO_UTIL, "read", int.class, FileDescriptor.class, ByteBuffer.class,
        long.class, NATIVE_DISPATCHER);
    private static final MethodHandle READV = JdkLookup.statik(IO_UTIL, "read", long.class, FileDescriptor.class,
        ByteBuffer[].class, int.class, int.class, NATIVE_DISPATCHER);
    private static final MethodHandle WRITE = JdkLookup.statik(IO_UTIL, "write", int.class, FileDescriptor.class, ByteBuffer.class,
        long.class, NATIVE_DISPATCHER);
    private static final MethodHandle WRITEV = JdkLookup.statik(IO_UTIL, "write", long.class, FileDescriptor.class,
        ByteBuffer[].class, int.class, int.class, NATIVE_DISPATCHER);
    private static final MethodHandle CLOSE = JdkLookup.virtualIn(NATIVE_DISPATCHER, "close", void.class, FileDescriptor.class);
    private static final MethodHandle READ_ADDRESS = JdkLookup.virtualIn(NATIVE_DISPATCHER, "read", int.class,
        FileDescriptor.class, long.class, int.class);
    private static final MethodHandle WRITE_ADDRESS = JdkLookup.virtualIn(NATIVE_DISPATCHER, "write", int.class,
        FileDescriptor.class, long.class, int.class);
    private static final Class<?> DATAGRAM = JdkLookup.type("sun.nio.ch.DatagramChannelImpl");
    private static final MethodHandle RECEIVE = JdkLookup.statik(DATAGRAM, "receive0", int.class, FileDescriptor.class, long.class,
        int.class, long.class, boolean.class);
    private static final MethodHandle SEND = JdkLookup.statik(DATAGRAM, "send0", int.class, FileDescriptor.class, long.class,
        int.class, long.class, int.class);
    private static final MethodHandle POLL = JdkLookup.statik(NET, "poll", int.class, FileDescriptor.class, int.class, long.class);
    private static final int SOCKADDR_SIZE = sockaddrSize();
    private static final MethodHandle WAIT = JdkLookup.statik(EPOLL, "wait", int.class, int.class, long.class, int.class, int.class);
    private static final MethodHandle DESCRIPTOR = JdkLookup.statik(EPOLL, "getDescriptor", int.class, long.class);
    private static final MethodHandle EVENTS = JdkLookup.statik(EPOLL, "getEvents", int.class, long.class);

    private ChannelNatives() {
    }

    /** True when every call the channel rules replace is reachable (Java 17 to 25 on Linux). */
    public static boolean ready() {
        return FileMarks.ready() && CONNECT != null && POLL_CONNECT != null && BIND != null && LISTEN != null
            && ACCEPT != null && LOCAL_ADDRESS != null && AVAILABLE != null && SHUTDOWN != null && SOCKET != null
            && READ != null && READV != null && WRITE != null && WRITEV != null && CLOSE != null && WAIT != null
            && DESCRIPTOR != null && EVENTS != null && RECEIVE != null && SEND != null && POLL != null
            && READ_ADDRESS != null && WRITE_ADDRESS != null && NativeMemory.ready();
    }

    /** What {@link #ready()} found missing, for the agent log; empty when ready. */
    public static String missing() {
        StringBuilder m = new StringBuilder();
        Object[][] parts = {{"Net.connect", CONNECT}, {"Net.pollConnectNow", POLL_CONNECT}, {"Net.bind", BIND},
            {"Net.listen", LISTEN}, {"Net.accept", ACCEPT}, {"Net.localAddress", LOCAL_ADDRESS},
            {"Net.available", AVAILABLE}, {"Net.shutdown", SHUTDOWN}, {"Net.socket", SOCKET}, {"IOUtil.read", READ},
            {"IOUtil.read(scatter)", READV}, {"IOUtil.write", WRITE}, {"IOUtil.write(gather)", WRITEV},
            {"NativeDispatcher.close", CLOSE}, {"EPoll.wait", WAIT}, {"EPoll.getDescriptor", DESCRIPTOR},
            {"EPoll.getEvents", EVENTS}, {"DatagramChannelImpl.receive0", RECEIVE}, {"DatagramChannelImpl.send0", SEND},
            {"Net.poll", POLL}, {"NativeDispatcher.read", READ_ADDRESS}, {"NativeDispatcher.write", WRITE_ADDRESS}};
        for (Object[] part : parts) {
            if (part[1] == null) {
                m.append(m.length() == 0 ? "" : ", ").append(part[0]);
            }
        }
        if (!NativeMemory.ready()) {
            m.append(m.length() == 0 ? "" : ", ").append("jdk.internal.misc.Unsafe.copyMemory");
        }
        return m.toString();
    }

    /** How many bytes of native socket address a datagram's sender takes ({@code NativeSocketAddress}). */
    public static int sockaddrSize() {
        try {
            java.lang.reflect.Field f = Class.forName("sun.nio.ch.NativeSocketAddress", false, null)
                .getDeclaredField("SIZEOF_SOCKETADDRESS");
            f.setAccessible(true);
            return f.getInt(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 28;
        }
    }

    public static int senderSize() {
        return SOCKADDR_SIZE;
    }

    /**
     * A datagram for real: {@code 'r'} receive into {@code len} bytes at {@code address}, the sender's
     * address written at {@code peer} ({@code flag}: connected); {@code 's'} send {@code len} bytes at
     * {@code address} to the native address at {@code peer} of {@code flag} bytes.
     */
    public static int datagram(int op, FileDescriptor fd, long address, int len, long peer, int flag)
        throws IOException {
        try {
            return op == 'r' ? (int) RECEIVE.invokeExact(fd, address, len, peer, flag != 0)
                : (int) SEND.invokeExact(fd, address, len, peer, flag);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /**
     * A read ({@code 'r'}) into or write ({@code 'w'}) from {@code len} bytes of native memory at
     * {@code address}, for real, through the channel's dispatcher {@code nd}: how a socket channel's
     * adaptor streams ({@code channel.socket().getInputStream()}) move their bytes.
     */
    public static int nativeData(int op, Object nd, FileDescriptor fd, long address, int len) throws IOException {
        try {
            return op == 'r' ? (int) READ_ADDRESS.invokeExact(nd, fd, address, len)
                : (int) WRITE_ADDRESS.invokeExact(nd, fd, address, len);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /**
     * One channel operation for real: {@code 'C'} connect {@code fd} to {@code arg} (a SocketAddress),
     * {@code 'F'} finish connecting, {@code 'B'} bind to {@code arg} (an InetAddress) and port
     * {@code number}, {@code 'l'} listen with backlog {@code number}, {@code 'A'} accept into
     * {@code arg} ({@code Object[] {newfd, InetSocketAddress[]}}), {@code 'a'} available, {@code 'S'}
     * shut down {@code number}, {@code 'P'} poll for the events {@code number} for {@code arg} (a Long)
     * milliseconds; booleans as 1 and 0.
     */
    public static long call(int op, ProtocolFamily family, FileDescriptor fd, Object arg, int number)
        throws IOException {
        try {
            switch (op) {
                case 'C':
                    return (int) CONNECT.invokeExact(family, fd, (SocketAddress) arg);
                case 'F':
                    return (boolean) POLL_CONNECT.invokeExact(fd) ? 1 : 0;
                case 'B':
                    BIND.invokeExact(family, fd, (InetAddress) arg, number);
                    return 0;
                case 'l':
                    LISTEN.invokeExact(fd, number);
                    return 0;
                case 'A': {
                    Object[] into = (Object[]) arg;
                    return (int) ACCEPT.invokeExact(fd, (FileDescriptor) into[0], (InetSocketAddress[]) into[1]);
                }
                case 'a':
                    return (int) AVAILABLE.invokeExact(fd);
                case 'S':
                    SHUTDOWN.invokeExact(fd, number);
                    return 0;
                case 'P':
                    return (int) POLL.invokeExact(fd, number, (long) (Long) arg);
                default:
                    throw new IllegalArgumentException("no channel operation " + (char) op);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    public static InetSocketAddress localAddress(FileDescriptor fd) throws IOException {
        try {
            return (InetSocketAddress) LOCAL_ADDRESS.invokeExact(fd);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** A new, unconnected TCP socket: replay's stand-in for an accepted connection. */
    public static FileDescriptor socket(ProtocolFamily family) throws IOException {
        try {
            return (FileDescriptor) SOCKET.invokeExact(family, true);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Data on a socket channel: {@code 'r'}, {@code 'v'} reads, {@code 'w'}, {@code 'W'} writes. */
    public static long data(int op, Object nd, FileDescriptor fd, Object buffers, int off, int len, long position)
        throws IOException {
        try {
            switch (op) {
                case 'r':
                    return (int) READ.invokeExact(fd, (ByteBuffer) buffers, position, nd);
                case 'v':
                    return (long) READV.invokeExact(fd, (ByteBuffer[]) buffers, off, len, nd);
                case 'w':
                    return (int) WRITE.invokeExact(fd, (ByteBuffer) buffers, position, nd);
                case 'W':
                    return (long) WRITEV.invokeExact(fd, (ByteBuffer[]) buffers, off, len, nd);
                default:
                    throw new IllegalArgumentException("no channel data operation " + (char) op);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** Clears the descriptor's mark, then closes it as the channel would. */
    public static void close(Object nd, FileDescriptor fd) throws IOException {
        FileMarks.unmark(FileMarks.number(fd));
        try {
            CLOSE.invokeExact(nd, fd);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }

    /** The epoll calls of a selector: {@code 'w'} wait, {@code 'd'} an entry's descriptor, {@code 'e'} its events. */
    public static long select(int op, int epfd, long address, int numfds, int timeout) throws IOException {
        try {
            switch (op) {
                case 'w':
                    return (int) WAIT.invokeExact(epfd, address, numfds, timeout);
                case 'd':
                    return (int) DESCRIPTOR.invokeExact(address);
                case 'e':
                    return (int) EVENTS.invokeExact(address);
                default:
                    throw new IllegalArgumentException("no selector operation " + (char) op);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }
}
