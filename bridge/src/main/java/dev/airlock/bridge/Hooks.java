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

    /** Replaces {@code Thread.getStackTrace()} in application code. */
    public static StackTraceElement[] threadStack(Thread thread, int ref) {
        return sink.threadStack(thread, ref);
    }

    /** Replaces {@code Thread.getState()} in application code. */
    public static Thread.State threadStateOf(Thread thread, int ref) {
        return sink.stateOf(thread, ref);
    }

    /**
     * Replaces {@code RandomSupport.mixMurmur64(seeder)} in {@code ThreadLocalRandom.localInit}, which
     * seeds a thread: see {@link Sink#threadLocalSeed}.
     */
    public static long threadLocalSeed(long seeder, int ref) {
        return sink.threadLocalSeed(seeder, ref);
    }

    /** A 64-bit mix (SplitMix64's finalizer): what {@code ThreadLocalRandom} makes of its seeder's values. */
    public static long mixSeed(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Replaces {@code getId()} (Java 17) or {@code threadId()} in {@code ThreadLocalRandom.nextSeed}. */
    public static long randomThreadId(Thread thread, int ref) {
        return sink.randomThreadId(thread);
    }

    /**
     * Replaces {@code Thread.activeCount()} in application code: the agent's own threads in the caller's
     * group are not counted, and the count is recorded.
     */
    public static int activeCount(int ref) {
        return sink.onInt(sink.activeCount(), ref);
    }

    /** Replaces {@code Thread.getAllStackTraces()} in application code. */
    public static java.util.Map<Thread, StackTraceElement[]> allThreadStacks(int ref) {
        return sink.allThreadStacks(ref);
    }

    public static void threadStarting(Thread child) {
        sink.threadStarting(child);
    }

    public static void mainStarting(String[] args) {
        sink.mainStarting(args);
    }

    public static void exiting(int status) {
        sink.exiting(status);
        Turns.shuttingDown();
    }

    /** Entry of {@code Thread.run()} and {@code ForkJoinWorkerThread.run()}: a scheduling point. */
    public static void threadRunning() {
        Turns.point();
    }

    /** Entry of {@code Thread.exit()}, which the JVM calls as a thread ends. */
    public static void threadExiting() {
        Turns.threadExiting();
    }

    /** Entry of {@code Shutdown.shutdown()}: the last non-daemon thread has ended. */
    public static void shuttingDown() {
        Turns.shuttingDown();
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

    /**
     * Replaces the name service's reverse lookup in {@code InetAddress.getHostFromNameService} (what
     * {@code getHostName} of an address without a name asks): kept as the resolution of
     * {@code "#reverse IP"} to one address carrying the name, so a replay asks no name service.
     */
    public static String reverseLookup(Object service, byte[] addr, int ref) throws UnknownHostException {
        String ip = InetAddress.getByAddress(addr).getHostAddress();
        return sink.resolve("#reverse " + ip, HostResolver.reverse(service, addr), ref)[0].getHostName();
    }

    /** Replaces {@code impl.connect(address, timeout)} in {@code Socket.connect}. */
    public static void socketConnect(java.net.SocketImpl impl, java.net.SocketAddress address, int timeout, int ref)
        throws IOException {
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            sink.socket(impl, 'c', null, 0, 0, address, timeout, ref);
        } finally {
            Turns.unblocked();
        }
    }

    /** Replaces {@code NioSocketImpl.read} in the socket's input stream. */
    public static int socketRead(Object impl, byte[] b, int off, int len, int ref) throws IOException {
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            return (int) sink.socket(impl, 'r', b, off, len, null, 0, ref);
        } finally {
            Turns.unblocked();
        }
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
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            sink.serverSocket(impl, 'A', accepted, 0, ref);
        } finally {
            Turns.unblocked();
        }
    }

    // The six below replace FileInputStream's calls of its own natives: stdin goes to the sink, every
    // other stream straight on to the native.

    /**
     * Replaces the terminal echo switch {@code Console.readPassword} calls: a replay without a terminal
     * gets the recorded answer instead of an {@code IOError}.
     */
    public static boolean consoleEcho(boolean on, int ref) throws IOException {
        return sink.stdin(null, 'e', null, 0, 0, on ? 1 : 0, ref) != 0;
    }

    public static int stdinRead0(java.io.FileInputStream in, int ref) throws IOException {
        if (!FileInputNatives.mayBlock(in)) {
            return (int) stdin(in, 'b', null, 0, 0, 0, ref);
        }
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            return (int) stdin(in, 'b', null, 0, 0, 0, ref);
        } finally {
            Turns.unblocked();
        }
    }

    public static int stdinReadBytes(java.io.FileInputStream in, byte[] b, int off, int len, int ref) throws IOException {
        if (!FileInputNatives.mayBlock(in)) {
            return (int) stdin(in, 'r', b, off, len, 0, ref);
        }
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            return (int) stdin(in, 'r', b, off, len, 0, ref);
        } finally {
            Turns.unblocked();
        }
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
        if (FileInputNatives.isStdin(in)) {
            return sink.stdin(in, op, b, off, len, arg, ref);
        }
        if (FileMarks.marked(FileInputNatives.descriptor(in))) {
            return sink.fileStream(in, op, b, off, len, arg, ref);
        }
        return FileInputNatives.call(in, op, b, off, len, arg);
    }

    // Files. The opens decide, once per file, whether it is one the recording keeps and mark its
    // descriptor (FileMarks); every other operation below goes straight on to the JDK unless its
    // descriptor is marked.

    /** Replaces {@code open0} in {@code FileInputStream.open}. */
    public static void fileOpenInput(java.io.FileInputStream in, String name, int ref)
        throws java.io.FileNotFoundException {
        sink.openFile(in, name, 'r', ref);
    }

    /** Replaces {@code open0} in {@code FileOutputStream.open}. */
    public static void fileOpenOutput(FileOutputStream out, String name, boolean append, int ref)
        throws java.io.FileNotFoundException {
        sink.openFile(out, name, append ? 'a' : 'w', ref);
    }

    /** Replaces {@code open0} in {@code RandomAccessFile.open}. */
    public static void rafOpen(java.io.RandomAccessFile raf, String name, int mode, int ref)
        throws java.io.FileNotFoundException {
        sink.openFile(raf, name, 'R' | mode << 8, ref);
    }

    public static int rafRead0(java.io.RandomAccessFile raf, int ref) throws IOException {
        return (int) randomAccess(raf, 'b', null, 0, 0, 0, ref);
    }

    public static int rafReadBytes(java.io.RandomAccessFile raf, byte[] b, int off, int len, int ref) throws IOException {
        return (int) randomAccess(raf, 'r', b, off, len, 0, ref);
    }

    public static void rafWrite0(java.io.RandomAccessFile raf, int oneByte, int ref) throws IOException {
        randomAccess(raf, 'w', null, 0, 1, oneByte, ref);
    }

    public static void rafWriteBytes(java.io.RandomAccessFile raf, byte[] b, int off, int len, int ref)
        throws IOException {
        randomAccess(raf, 'W', b, off, len, 0, ref);
    }

    public static void rafSeek(java.io.RandomAccessFile raf, long position, int ref) throws IOException {
        randomAccess(raf, 'q', null, 0, 0, position, ref);
    }

    /** {@code length0} (Java 21+), or the application's and the JDK's calls of Java 17's native {@code length}. */
    public static long rafLength(java.io.RandomAccessFile raf, int ref) throws IOException {
        return randomAccess(raf, 'l', null, 0, 0, 0, ref);
    }

    public static void rafSetLength(java.io.RandomAccessFile raf, long length, int ref) throws IOException {
        randomAccess(raf, 'L', null, 0, 0, length, ref);
    }

    /** The application's and the JDK's calls of the native {@code getFilePointer}. */
    public static long rafPointer(java.io.RandomAccessFile raf, int ref) throws IOException {
        return randomAccess(raf, 'p', null, 0, 0, 0, ref);
    }

    private static long randomAccess(java.io.RandomAccessFile raf, int op, byte[] b, int off, int len, long arg, int ref)
        throws IOException {
        if (FileMarks.marked(raf.getFD())) {
            return sink.randomAccess(raf, op, b, off, len, arg, ref);
        }
        return RandomAccessNatives.call(raf, op, b, off, len, arg);
    }

    /** Replaces {@code writeBytes} in {@code FileOutputStream.write}. */
    public static void fileWriteBytes(FileOutputStream out, byte[] b, int off, int len, boolean append, int ref)
        throws IOException {
        if (FileMarks.marked(out.getFD())) {
            sink.fileWrite(out, b, off, len, 0, append, ref);
        } else {
            FileNatives.write(out, b, off, len, 0, append);
        }
    }

    /** Replaces {@code write(int, boolean)} in {@code FileOutputStream.write}. */
    public static void fileWriteByte(FileOutputStream out, int oneByte, boolean append, int ref) throws IOException {
        if (FileMarks.marked(out.getFD())) {
            sink.fileWrite(out, null, 0, 1, oneByte, append, ref);
        } else {
            FileNatives.write(out, null, 0, 1, oneByte, append);
        }
    }

    /** Replaces {@code close0} in {@code FileDescriptor.close}: the mark goes before the number can be reused. */
    public static void fileClose(FileDescriptor fd, int ref) throws IOException {
        FileNatives.close(fd);
    }

    /** Replaces {@code UnixNativeDispatcher.open} in {@code UnixChannelFactory} (NIO file channels). */
    public static int channelOpen(Object path, int flags, int mode, int ref) throws Exception {
        return sink.openFileChannel(path, flags, mode, ref);
    }

    /** Replaces {@code IOUtil.read} (one buffer) in {@code FileChannelImpl}. */
    public static int channelRead(FileDescriptor fd, java.nio.ByteBuffer dst, long position, boolean direct,
                                  int alignment, Object nd, int ref) throws IOException {
        return (int) channel('r', nd, fd, dst, 0, 0, position, direct, alignment, ref);
    }

    /** Replaces {@code IOUtil.read} (scattering) in {@code FileChannelImpl}. */
    public static long channelRead(FileDescriptor fd, java.nio.ByteBuffer[] dsts, int off, int len, boolean direct,
                                   int alignment, Object nd, int ref) throws IOException {
        return channel('v', nd, fd, dsts, off, len, -1, direct, alignment, ref);
    }

    /** Replaces {@code IOUtil.write} (one buffer) in {@code FileChannelImpl}. */
    public static int channelWrite(FileDescriptor fd, java.nio.ByteBuffer src, long position, boolean direct,
                                   int alignment, Object nd, int ref) throws IOException {
        return (int) channel('w', nd, fd, src, 0, 0, position, direct, alignment, ref);
    }

    /** Replaces {@code IOUtil.write} (gathering) in {@code FileChannelImpl}. */
    public static long channelWrite(FileDescriptor fd, java.nio.ByteBuffer[] srcs, int off, int len, boolean direct,
                                    int alignment, Object nd, int ref) throws IOException {
        return channel('W', nd, fd, srcs, off, len, -1, direct, alignment, ref);
    }

    /** Replaces {@code FileDispatcher.size} in {@code FileChannelImpl}. */
    public static long channelSize(Object nd, FileDescriptor fd, int ref) throws IOException {
        return channel('z', nd, fd, null, 0, 0, 0, false, 0, ref);
    }

    /** Replaces {@code FileDispatcher.seek} in {@code FileChannelImpl} (-1 asks for the position). */
    public static long channelSeek(Object nd, FileDescriptor fd, long position, int ref) throws IOException {
        return channel('q', nd, fd, null, 0, 0, position, false, 0, ref);
    }

    /** Replaces {@code FileDispatcher.truncate} in {@code FileChannelImpl}. */
    public static int channelTruncate(Object nd, FileDescriptor fd, long size, int ref) throws IOException {
        return (int) channel('t', nd, fd, null, 0, 0, size, false, 0, ref);
    }

    /** Replaces {@code FileDispatcher.available} in {@code FileChannelImpl} (Java 21+). */
    public static int channelAvailable(Object nd, FileDescriptor fd, int ref) throws IOException {
        return (int) channel('a', nd, fd, null, 0, 0, 0, false, 0, ref);
    }

    /** Replaces {@code FileDispatcher.isOther} in {@code FileChannelImpl} (Java 21+). */
    public static boolean channelIsOther(Object nd, FileDescriptor fd, int ref) throws IOException {
        return channel('o', nd, fd, null, 0, 0, 0, false, 0, ref) != 0;
    }

    /** Replaces {@code isRegularFile0} in {@code FileInputStream} (Java 21+). */
    public static boolean fileIsRegular(java.io.FileInputStream in, FileDescriptor fd, int ref) throws IOException {
        if (FileMarks.marked(fd)) {
            return sink.fileStream(in, 'o', null, 0, 0, 0, ref) != 0;
        }
        return FileNatives.isRegularFile(in, fd);
    }

    private static long channel(int op, Object nd, FileDescriptor fd, Object buffers, int off, int len, long position,
                                boolean direct, int alignment, int ref) throws IOException {
        if (FileMarks.marked(fd)) {
            return sink.fileChannel(op, nd, fd, buffers, off, len, position, direct, alignment, ref);
        }
        return FileNatives.channel(op, nd, fd, buffers, off, len, position, direct, alignment);
    }

    /** Replaces {@code map0} in {@code FileChannelImpl} (Java 17): replay cannot map a replayed file. */
    public static long channelMap0(Object channel, int prot, long position, long size, boolean sync, int ref)
        throws IOException {
        FileDescriptor fd = FileNatives.channelDescriptor(channel);
        if (FileMarks.marked(fd)) {
            sink.fileChannel('m', null, fd, null, 0, 0, position, false, 0, ref);
        }
        return FileNatives.map0(channel, prot, position, size, sync);
    }

    /** Replaces {@code FileDispatcher.map} in {@code FileChannelImpl} (Java 21+). */
    public static long channelMap(Object nd, FileDescriptor fd, int prot, long position, long size, boolean sync,
                                  int ref) throws IOException {
        if (FileMarks.marked(fd)) {
            sink.fileChannel('m', nd, fd, null, 0, 0, position, false, 0, ref);
        }
        return FileNatives.map(nd, fd, prot, position, size, sync);
    }

    /**
     * Replaces {@code transferTo0} in {@code FileChannelImpl} (Java 17): a captured file never moves
     * bytes in the kernel, so the channel falls back to reads and writes, which are captured.
     */
    public static long channelTransferTo0(Object channel, FileDescriptor src, long position, long count,
                                          FileDescriptor dst, int ref) {
        if (FileMarks.marked(src) || FileMarks.marked(dst)) {
            return FileNatives.unsupportedCase();
        }
        return FileNatives.transferTo0(channel, src, position, count, dst);
    }

    /** Replaces {@code FileDispatcher.transferTo} in {@code FileChannelImpl} (Java 21+). */
    public static long channelTransferTo(Object nd, FileDescriptor src, long position, long count, FileDescriptor dst,
                                         boolean append, int ref) throws IOException {
        if (FileMarks.marked(src) || FileMarks.marked(dst)) {
            return FileNatives.unsupportedCase();
        }
        return FileNatives.transfer(false, nd, src, dst, position, count, append);
    }

    /** Replaces {@code FileDispatcher.transferFrom} in {@code FileChannelImpl} (Java 21+). */
    public static long channelTransferFrom(Object nd, FileDescriptor src, FileDescriptor dst, long position, long count,
                                           boolean append, int ref) throws IOException {
        if (FileMarks.marked(src) || FileMarks.marked(dst)) {
            return FileNatives.unsupportedCase();
        }
        return FileNatives.transfer(true, nd, src, dst, position, count, append);
    }

    // NIO socket channels and the epoll selector. Connect, bind and accept go to the sink, which marks
    // the descriptors it keeps; everything else goes to the sink only for marked descriptors.

    /** Replaces {@code Net.connect} in {@code SocketChannelImpl}. */
    public static int netConnect(java.net.ProtocolFamily family, FileDescriptor fd, java.net.SocketAddress remote, int ref)
        throws IOException {
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            return (int) sink.netChannel('C', family, fd, remote, 0, ref);
        } finally {
            Turns.unblocked();
        }
    }

    /** Replaces {@code Net.pollConnectNow} in {@code SocketChannelImpl}. */
    public static boolean netPollConnect(FileDescriptor fd, int ref) throws IOException {
        return (FileMarks.marked(fd) ? sink.netChannel('F', null, fd, null, 0, ref)
            : ChannelNatives.call('F', null, fd, null, 0)) != 0;
    }

    /** Replaces {@code Net.bind} in {@code ServerSocketChannelImpl}. */
    public static void netBind(java.net.ProtocolFamily family, FileDescriptor fd, InetAddress address, int port, int ref)
        throws IOException {
        sink.netChannel('B', family, fd, address, port, ref);
    }

    /** Replaces {@code Net.listen} in {@code ServerSocketChannelImpl}. */
    public static void netListen(FileDescriptor fd, int backlog, int ref) throws IOException {
        netMarked('l', fd, null, backlog, ref);
    }

    /** Replaces {@code Net.accept} in {@code ServerSocketChannelImpl}. */
    public static int netAccept(FileDescriptor fd, FileDescriptor newfd, java.net.InetSocketAddress[] remote, int ref)
        throws IOException {
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            return (int) netMarked('A', fd, new Object[] {newfd, remote}, 0, ref);
        } finally {
            Turns.unblocked();
        }
    }

    /** Replaces {@code Net.available} in {@code SocketChannelImpl}. */
    public static int netAvailable(FileDescriptor fd, int ref) throws IOException {
        return (int) netMarked('a', fd, null, 0, ref);
    }

    /** Replaces {@code Net.shutdown} in {@code SocketChannelImpl}: replay has no connection to shut. */
    public static void netShutdown(FileDescriptor fd, int how, int ref) throws IOException {
        netMarked('S', fd, null, how, ref);
    }

    private static long netMarked(int op, FileDescriptor fd, Object arg, int number, int ref) throws IOException {
        return FileMarks.marked(fd) ? sink.netChannel(op, null, fd, arg, number, ref)
            : ChannelNatives.call(op, null, fd, arg, number);
    }

    /** Replaces {@code Net.poll} in a selectable channel's {@code park}: a blocking wait with a timeout. */
    public static int netPoll(FileDescriptor fd, int events, long timeout, int ref) throws IOException {
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            return (int) netMarked('P', fd, timeout, events, ref);
        } finally {
            Turns.unblocked();
        }
    }

    /** Replaces {@code receive0} in {@code DatagramChannelImpl}. */
    public static int datagramReceive(FileDescriptor fd, long address, int len, long sender, boolean connected, int ref)
        throws IOException {
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            return FileMarks.marked(fd) ? sink.datagram('r', fd, address, len, sender, connected ? 1 : 0, ref)
                : ChannelNatives.datagram('r', fd, address, len, sender, connected ? 1 : 0);
        } finally {
            Turns.unblocked();
        }
    }

    /** Replaces {@code send0} in {@code DatagramChannelImpl}. */
    public static int datagramSend(FileDescriptor fd, long address, int len, long target, int targetLength, int ref)
        throws IOException {
        return FileMarks.marked(fd) ? sink.datagram('s', fd, address, len, target, targetLength, ref)
            : ChannelNatives.datagram('s', fd, address, len, target, targetLength);
    }

    /** Replaces {@code Net.localAddress} in the socket channels. */
    public static java.net.InetSocketAddress netLocalAddress(FileDescriptor fd, int ref) throws IOException {
        return FileMarks.marked(fd) ? sink.netLocalAddress(fd, ref) : ChannelNatives.localAddress(fd);
    }

    /** Replaces {@code nd.close} in the socket channels: the mark goes before the number can be reused. */
    public static void netClose(Object nd, FileDescriptor fd, int ref) throws IOException {
        ChannelNatives.close(nd, fd);
    }

    /** Replaces {@code IOUtil.read} (one buffer) in {@code SocketChannelImpl}. */
    public static int netRead(FileDescriptor fd, java.nio.ByteBuffer dst, long position, Object nd, int ref)
        throws IOException {
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            return (int) netData('r', nd, fd, dst, 0, 0, position, ref);
        } finally {
            Turns.unblocked();
        }
    }

    /**
     * Replaces {@code NativeDispatcher.read} in {@code SocketChannelImpl.tryRead}: a blocking channel's
     * adaptor input stream reads into a temporary native buffer.
     */
    public static int netReadAddress(Object nd, FileDescriptor fd, long address, int len, int ref) throws IOException {
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            return FileMarks.marked(fd) ? sink.netNativeData('r', nd, fd, address, len, ref)
                : ChannelNatives.nativeData('r', nd, fd, address, len);
        } finally {
            Turns.unblocked();
        }
    }

    /** Replaces {@code NativeDispatcher.write} in {@code SocketChannelImpl.tryWrite} (the adaptor output stream). */
    public static int netWriteAddress(Object nd, FileDescriptor fd, long address, int len, int ref) throws IOException {
        return FileMarks.marked(fd) ? sink.netNativeData('w', nd, fd, address, len, ref)
            : ChannelNatives.nativeData('w', nd, fd, address, len);
    }

    /** Replaces {@code IOUtil.read} (scattering) in {@code SocketChannelImpl}. */
    public static long netRead(FileDescriptor fd, java.nio.ByteBuffer[] dsts, int off, int len, Object nd, int ref)
        throws IOException {
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            return netData('v', nd, fd, dsts, off, len, -1, ref);
        } finally {
            Turns.unblocked();
        }
    }

    /** Replaces {@code IOUtil.write} (one buffer) in {@code SocketChannelImpl}. */
    public static int netWrite(FileDescriptor fd, java.nio.ByteBuffer src, long position, Object nd, int ref)
        throws IOException {
        return (int) netData('w', nd, fd, src, 0, 0, position, ref);
    }

    /** Replaces {@code IOUtil.write} (gathering) in {@code SocketChannelImpl}. */
    public static long netWrite(FileDescriptor fd, java.nio.ByteBuffer[] srcs, int off, int len, Object nd, int ref)
        throws IOException {
        return netData('W', nd, fd, srcs, off, len, -1, ref);
    }

    private static long netData(int op, Object nd, FileDescriptor fd, Object buffers, int off, int len, long position,
                                int ref) throws IOException {
        return FileMarks.marked(fd) ? sink.netChannelData(op, nd, fd, buffers, off, len, position, ref)
            : ChannelNatives.data(op, nd, fd, buffers, off, len, position);
    }

    /** Replaces {@code EPoll.wait} in {@code EPollSelectorImpl}. */
    public static int selectWait(int epfd, long address, int numfds, int timeout, int ref) throws IOException {
        Turns.blocking(); // the turn passes while the thread may wait for the outside world
        try {
            return (int) sink.select('w', epfd, address, numfds, timeout, ref);
        } finally {
            Turns.unblocked();
        }
    }

    /** Replaces {@code EPoll.getDescriptor} in {@code EPollSelectorImpl}. */
    public static int selectDescriptor(long address, int ref) throws IOException {
        return (int) sink.select('d', 0, address, 0, 0, ref);
    }

    /** Entry of {@code EPollSelectorImpl.wakeup()}. */
    public static void selectorWoken() {
        sink.selectorWoken();
    }

    /** Replaces {@code EPoll.getEvents} in {@code EPollSelectorImpl}. */
    public static int selectEvents(long address, int ref) throws IOException {
        return (int) sink.select('e', 0, address, 0, 0, ref);
    }

    // Questions about paths, by the UnixNativeDispatcher call the NIO file system makes.

    public static void pathStat(Object path, Object attributes, int ref) throws Exception {
        sink.path('s', path, attributes, 0, ref);
    }

    public static int pathStat2(Object path, Object attributes, int ref) throws Exception {
        return (int) sink.path('S', path, attributes, 0, ref);
    }

    public static void pathLstat(Object path, Object attributes, int ref) throws Exception {
        sink.path('l', path, attributes, 0, ref);
    }

    public static int pathMode(Object path, int ref) throws Exception {
        return (int) sink.path('m', path, null, 0, ref);
    }

    public static void pathAccess(Object path, int amode, int ref) throws Exception {
        sink.path('a', path, null, amode, ref);
    }

    public static int pathAccessErrno(Object path, int amode, int ref) throws Exception {
        return (int) sink.path('A', path, null, amode, ref);
    }

    public static boolean pathExists(Object path, int ref) throws Exception {
        return sink.path('e', path, null, 0, ref) != 0;
    }

    public static void pathUnlink(Object path, int ref) throws Exception {
        sink.path('u', path, null, 0, ref);
    }

    public static void pathMkdir(Object path, int mode, int ref) throws Exception {
        sink.path('K', path, null, mode, ref);
    }

    public static void pathRmdir(Object path, int ref) throws Exception {
        sink.path('r', path, null, 0, ref);
    }

    /** {@code rename} in a move: the target rides in the attributes' place. */
    public static void pathRename(Object from, Object to, int ref) throws Exception {
        sink.path('n', from, to, 0, ref);
    }

    /** {@code realpath} in {@code UnixPath.toRealPath}. */
    public static byte[] pathRealpath(Object path, int ref) throws Exception {
        return sink.pathText('R', null, path, ref).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** {@code readlink} in {@code Files.readSymbolicLink} and the copies and moves of links. */
    public static byte[] pathReadlink(Object path, int ref) throws Exception {
        return sink.pathText('l', null, path, ref).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** {@code fs.canonicalize(path)} in {@code File.getCanonicalPath} and {@code getCanonicalFile}. */
    public static String ioCanonicalize(Object fs, String path, int ref) throws IOException {
        try {
            return sink.pathText('C', fs, path, ref);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    // Changes to a path's metadata: replay compares them with the recording and makes none.

    public static void pathChmod(Object path, int mode, int ref) throws Exception {
        sink.path('p', path, null, mode, ref);
    }

    public static void pathChown(Object path, int uid, int gid, int ref) throws Exception {
        sink.path('o', path, new int[] {uid, gid}, 0, ref);
    }

    public static void pathLchown(Object path, int uid, int gid, int ref) throws Exception {
        sink.path('O', path, new int[] {uid, gid}, 0, ref);
    }

    public static void pathUtimes(Object path, long access, long modified, int ref) throws Exception {
        sink.path('t', path, new long[] {access, modified}, 0, ref);
    }

    public static void pathLutimes(Object path, long access, long modified, int ref) throws Exception {
        sink.path('T', path, new long[] {access, modified}, 0, ref);
    }

    public static void pathUtimensat(int dirfd, Object path, long access, long modified, int flags, int ref)
        throws Exception {
        sink.path('z', path, new long[] {access, modified, dirfd, flags}, 0, ref);
    }

    /** {@code fchmod} in a copy: never on replay's stand-in for the file. */
    public static void openFileMode(int fd, int mode, int ref) throws Exception {
        if (!sink.leavesOpenFileAlone(fd)) {
            FileNatives.changeOpen('m', fd, mode, 0);
        }
    }

    /** {@code fchown} in a copy. */
    public static void openFileOwner(int fd, int uid, int gid, int ref) throws Exception {
        if (!sink.leavesOpenFileAlone(fd)) {
            FileNatives.changeOpen('o', fd, uid, gid);
        }
    }

    /** {@code futimes} (Java 17) or {@code futimens} in a copy. */
    public static void openFileTimes(int fd, long access, long modified, int ref) throws Exception {
        if (!sink.leavesOpenFileAlone(fd)) {
            FileNatives.changeOpen('t', fd, access, modified);
        }
    }

    /** Replaces {@code UnixNativeDispatcher.close(int)} where a copy or move closes what it opened. */
    public static void pathClose(int fd, int ref) throws Exception {
        FileNatives.closeNumber(fd, null);
    }

    /** Java 21+'s {@code close(int, Function)}. */
    public static void pathClose(int fd, java.util.function.Function<?, ?> orElse, int ref) throws Exception {
        FileNatives.closeNumber(fd, orElse);
    }

    // java.io.File, by the java.io.FileSystem call it makes.

    public static boolean ioHasAttributes(Object fs, java.io.File f, int attributes, int ref) {
        return sink.ioFile('h', fs, f, attributes, ref) != 0;
    }

    public static boolean ioCheckAccess(Object fs, java.io.File f, int access, int ref) {
        return sink.ioFile('c', fs, f, access, ref) != 0;
    }

    public static long ioLength(Object fs, java.io.File f, int ref) {
        return sink.ioFile('L', fs, f, 0, ref);
    }

    public static long ioLastModified(Object fs, java.io.File f, int ref) {
        return sink.ioFile('M', fs, f, 0, ref);
    }

    public static boolean ioDelete(Object fs, java.io.File f, int ref) {
        return sink.ioFile('d', fs, f, 0, ref) != 0;
    }

    public static boolean ioCreateDirectory(Object fs, java.io.File f, int ref) {
        return sink.ioFile('k', fs, f, 0, ref) != 0;
    }

    public static boolean ioRename(Object fs, java.io.File from, java.io.File to, int ref) throws IOException {
        return sink.ioChange('R', fs, from, to, ref) != 0;
    }

    public static boolean ioSetLastModified(Object fs, java.io.File f, long time, int ref) throws IOException {
        return sink.ioChange('W', fs, f, time, ref) != 0;
    }

    public static boolean ioSetPermission(Object fs, java.io.File f, int access, boolean enable, boolean ownerOnly,
                                          int ref) throws IOException {
        return sink.ioChange('P', fs, f, new int[] {access, enable ? 1 : 0, ownerOnly ? 1 : 0}, ref) != 0;
    }

    public static boolean ioSetReadOnly(Object fs, java.io.File f, int ref) throws IOException {
        return sink.ioChange('Y', fs, f, null, ref) != 0;
    }

    /** {@code File.createNewFile}: the only change here that throws an {@code IOException}. */
    public static boolean ioCreateExclusively(Object fs, String path, int ref) throws IOException {
        return sink.ioChange('N', fs, new java.io.File(path), null, ref) != 0;
    }

    public static String[] ioList(Object fs, java.io.File f, int ref) {
        return sink.ioList(fs, f, ref);
    }

    /** Replaces {@code provider.newDirectoryStream(dir, filter)} in {@code Files.newDirectoryStream}. */
    public static java.nio.file.DirectoryStream<java.nio.file.Path> directoryStream(
        java.nio.file.spi.FileSystemProvider provider, java.nio.file.Path dir,
        java.nio.file.DirectoryStream.Filter<? super java.nio.file.Path> filter, int ref) throws IOException {
        return sink.directory(provider, dir, filter, ref);
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
