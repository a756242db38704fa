package dev.airlock.bridge;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The static methods that instrumented bytecode calls, in application classes and in the few JDK
 * classes the agent rewrites. Each one forwards to the installed {@link Sink}.
 *
 * <p>This class is loaded by the bootstrap loader so that every class loader can link against it.
 * It must stay tiny and must not reference anything outside {@code java.*}.
 */
public final class Hooks {

    private static volatile Sink sink = Sink.NONE;

    private Hooks() {
    }

    /** Installs the runtime; the agent calls it once, before any class is rewritten. */
    public static void install(Sink runtime) {
        sink = runtime == null ? Sink.NONE : runtime;
    }

    public static Sink installed() {
        return sink;
    }

    public static long onLong(long value, int ref) {
        return sink.onLong(value, ref);
    }

    public static int onInt(int value, int ref) {
        return sink.onInt(value, ref);
    }

    public static double onDouble(double value, int ref) {
        return sink.onDouble(value, ref);
    }

    public static Object onObject(Object value, int ref) {
        return sink.onObject(value, ref);
    }

    public static void onFilled(byte[] filled, int ref) {
        sink.onFilled(filled, ref);
    }

    public static InetAddress localHost(int ref) throws UnknownHostException {
        return sink.localHost(ref);
    }

    public static void threadStarting(Thread child) {
        sink.threadStarting(child);
    }

    public static void mainStarting(String[] args) {
        sink.mainStarting(args);
    }

    public static void exiting(int status) {
        sink.exiting(status);
    }

    public static void uncaught(Thread thread, Throwable error) {
        sink.uncaught(thread, error);
    }

    /** Replaces the call of {@code ProcessImpl.start} in {@code ProcessBuilder.start}. */
    public static Process startProcess(String[] command, java.util.Map<String, String> environment, String directory,
                                       ProcessBuilder.Redirect[] redirects, boolean redirectErrorStream, int ref)
        throws IOException {
        return sink.startProcess(command, environment, directory, redirects, redirectErrorStream, ref);
    }

    /** Replaces {@code getAllByName0(host, requested, check, useCache)} in Java 17's {@code InetAddress}. */
    public static InetAddress[] resolve(String host, InetAddress requested, boolean check, boolean useCache, int ref)
        throws UnknownHostException {
        return sink.resolve(host, HostResolver.of(host, requested, check, useCache), ref);
    }

    /** Replaces {@code getAllByName0(host, check)} in the {@code InetAddress} of Java 18 and later. */
    public static InetAddress[] resolve(String host, boolean check, int ref) throws UnknownHostException {
        return sink.resolve(host, HostResolver.of(host, check), ref);
    }

    /** Replaces {@code impl.connect(address, timeout)} in {@code Socket.connect}. */
    public static void socketConnect(java.net.SocketImpl impl, java.net.SocketAddress address, int timeout, int ref)
        throws IOException {
        sink.socket(impl, 'c', null, 0, 0, address, timeout, ref);
    }

    /** Replaces {@code NioSocketImpl.read} in the socket's input stream. */
    public static int socketRead(Object impl, byte[] b, int off, int len, int ref) throws IOException {
        return (int) sink.socket(impl, 'r', b, off, len, null, 0, ref);
    }

    /** Replaces {@code NioSocketImpl.write} in the socket's output stream. */
    public static void socketWrite(Object impl, byte[] b, int off, int len, int ref) throws IOException {
        sink.socket(impl, 'w', b, off, len, null, 0, ref);
    }

    /** Replaces {@code NioSocketImpl.available} in the socket's input stream. */
    public static int socketAvailable(Object impl, int ref) throws IOException {
        return (int) sink.socket(impl, 'a', null, 0, 0, null, 0, ref);
    }

    /** Replaces {@code impl.bind(address, port)} in {@code ServerSocket.bind}. */
    public static void serverBind(java.net.SocketImpl impl, InetAddress address, int port, int ref) throws IOException {
        sink.serverSocket(impl, 'b', address, port, ref);
    }

    /** Replaces {@code impl.listen(backlog)} in {@code ServerSocket.bind}. */
    public static void serverListen(java.net.SocketImpl impl, int backlog, int ref) throws IOException {
        sink.serverSocket(impl, 'l', null, backlog, ref);
    }

    /** Replaces {@code impl.accept(accepted)} in {@code ServerSocket.implAccept}. */
    public static void serverAccept(java.net.SocketImpl impl, java.net.SocketImpl accepted, int ref) throws IOException {
        sink.serverSocket(impl, 'A', accepted, 0, ref);
    }

    // The six below replace FileInputStream's calls of its own natives: stdin goes to the sink, every
    // other stream straight on to the native.

    public static int stdinRead0(java.io.FileInputStream in, int ref) throws IOException {
        return (int) stdin(in, 'b', null, 0, 0, 0, ref);
    }

    public static int stdinReadBytes(java.io.FileInputStream in, byte[] b, int off, int len, int ref) throws IOException {
        return (int) stdin(in, 'r', b, off, len, 0, ref);
    }

    public static int stdinAvailable(java.io.FileInputStream in, int ref) throws IOException {
        return (int) stdin(in, 'a', null, 0, 0, 0, ref);
    }

    public static long stdinSkip(java.io.FileInputStream in, long n, int ref) throws IOException {
        return stdin(in, 's', null, 0, 0, n, ref);
    }

    public static long stdinLength(java.io.FileInputStream in, int ref) throws IOException {
        return stdin(in, 'l', null, 0, 0, 0, ref);
    }

    public static long stdinPosition(java.io.FileInputStream in, int ref) throws IOException {
        return stdin(in, 'p', null, 0, 0, 0, ref);
    }

    private static long stdin(java.io.FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref)
        throws IOException {
        if (!FileInputNatives.isStdin(in)) {
            return FileInputNatives.call(in, op, b, off, len, arg);
        }
        return sink.stdin(in, op, b, off, len, arg, ref);
    }

    /** Entry of {@code FileOutputStream.write(byte[], int, int)}; only fd 1 and 2 matter. */
    public static void written(FileOutputStream stream, byte[] bytes, int offset, int length) {
        int fd = standardFd(stream);
        if (fd != 0 && bytes != null && offset >= 0 && length > 0 && offset + length <= bytes.length) {
            sink.output(fd, bytes, offset, length);
        }
    }

    /** Entry of {@code FileOutputStream.write(byte[])}. */
    public static void written(FileOutputStream stream, byte[] bytes) {
        if (bytes != null) {
            written(stream, bytes, 0, bytes.length);
        }
    }

    /** Entry of {@code FileOutputStream.write(int)}. */
    public static void written(FileOutputStream stream, int oneByte) {
        int fd = standardFd(stream);
        if (fd != 0) {
            sink.output(fd, new byte[] {(byte) oneByte}, 0, 1);
        }
    }

    private static int standardFd(FileOutputStream stream) {
        try {
            FileDescriptor fd = stream.getFD();
            if (fd == FileDescriptor.out) {
                return 1;
            }
            if (fd == FileDescriptor.err) {
                return 2;
            }
        } catch (IOException ignored) {
            // a closed stream writes nothing
        }
        return 0;
    }
}
