package dev.airlock.bridge;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What the agent plugs into {@link Hooks}: the recording runtime stores each value and hands it back,
 * the replay runtime hands back the recorded value instead.
 *
 * <p>Lives on the bootstrap path, so its signatures use JDK types only. Every {@code ref} packs the
 * call-site id and the event kind as {@code site << 8 | kind}; the rewritten code passes it as a constant.
 */
public interface Sink {

    long onLong(long value, int ref);

    int onInt(int value, int ref);

    double onDouble(double value, int ref);

    /** Objects such as {@code Instant}, {@code String} or a {@code Map}; the caller casts the result. */
    Object onObject(Object value, int ref);

    /** An array the JDK just filled (secure random bytes); replay overwrites its contents. */
    void onFilled(byte[] filled, int ref);

    /** Stands in for {@code InetAddress.getLocalHost()}: replay must not touch the network. */
    InetAddress localHost(int ref) throws UnknownHostException;

    /** {@code thread.getStackTrace()} as the program called it. */
    StackTraceElement[] threadStack(Thread thread, int ref);

    /** {@code thread.getState()} as the program called it. */
    Thread.State stateOf(Thread thread, int ref);

    /**
     * The id {@code ThreadLocalRandom} adds to the calling thread's seed on every draw, in place of its
     * JVM id: the same on replay, where JVM ids differ.
     */
    long randomThreadId(Thread thread);

    /**
     * The calling thread's {@code ThreadLocalRandom} seed, {@code seeder} being what the JDK's shared
     * seeder gave. The main thread's is recorded (kind {@code ref}); another application thread's is made
     * from main's and the thread's path, unrecorded: when the JDK seeds a thread depends on timing (a
     * contended {@code ConcurrentHashMap} or {@code LongAdder} counter seeds it), so a recorded seed
     * would come at another point of the thread's events on replay.
     */
    long threadLocalSeed(long seeder, int ref);

    /** {@code Thread.activeCount()} without the agent's own threads, before it is recorded or replayed. */
    int activeCount();

    /** {@code Thread.getAllStackTraces()} as the program called it. */
    java.util.Map<Thread, StackTraceElement[]> allThreadStacks(int ref);

    /** Called on the parent thread as it starts {@code child}, before the child runs. */
    void threadStarting(Thread child);

    /** Called on entry to the main class's {@code main}, with its arguments. */
    void mainStarting(String[] args);

    /** Called on entry to {@code Shutdown.exit}: the status the JVM is about to exit with. */
    void exiting(int status);

    /** Called when a thread ends with an exception nobody caught. */
    void uncaught(Thread thread, Throwable error);

    /** Bytes an application thread wrote to file descriptor 1 or 2. */
    void output(int fd, byte[] bytes, int offset, int length);

    /**
     * Stands in for {@code ProcessImpl.start} inside {@code ProcessBuilder.start}: recording starts the
     * child and watches what the program reads from it; replay starts nothing and plays the child back.
     */
    Process startProcess(String[] command, java.util.Map<String, String> environment, String directory,
                         ProcessBuilder.Redirect[] redirects, boolean redirectErrorStream, int ref)
        throws java.io.IOException;

    /**
     * One operation of the program on the JVM's stdin ({@code FileInputStream} on fd 0): {@code op} is
     * {@code 'r'} read into {@code b[off..off+len)}, {@code 'b'} read one byte, {@code 'a'} available,
     * {@code 's'} skip {@code arg}, {@code 'l'} length, {@code 'p'} position; returns what the stream
     * method returns. Recording performs it ({@link FileInputNatives#call}) and keeps the outcome;
     * replay returns the recorded one and reads nothing.
     */
    long stdin(java.io.FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref)
        throws java.io.IOException;

    /**
     * Stands in for the JDK's host-name resolution ({@code InetAddress.getAllByName0}, which every
     * {@code getByName}, {@code getAllByName} and socket constructor with a host name ends in):
     * recording runs {@code lookup} and keeps the addresses or the failure, replay returns them and
     * resolves nothing.
     */
    InetAddress[] resolve(String host, HostResolver.Lookup lookup, int ref) throws UnknownHostException;

    /**
     * One operation of the program on a TCP socket ({@code java.net.Socket}): {@code op} is {@code 'c'}
     * connect to {@code address} within {@code timeout} ms, {@code 'r'} read into
     * {@code b[off..off+len)}, {@code 'w'} write {@code b[off..off+len)}, {@code 'a'} available; returns
     * the count. Recording performs it ({@link SocketNatives#call}) and keeps the outcome; replay returns
     * the recorded one, compares writes, and never touches the network.
     */
    long socket(Object impl, int op, byte[] b, int off, int len, java.net.SocketAddress address, int timeout, int ref)
        throws java.io.IOException;

    /**
     * One operation of a {@code ServerSocket} on its implementation: {@code 'b'} bind to {@code arg} (an
     * {@code InetAddress}) and port {@code number}, returning the bound port; {@code 'l'} listen with
     * backlog {@code number}; {@code 'A'} accept into {@code arg} (the new connection's
     * {@code SocketImpl}). Replay binds, listens and accepts nothing: the accepted connection is staged
     * with the recorded ends and its streams replay what the recorded client sent.
     */
    long serverSocket(Object impl, int op, Object arg, int number, int ref) throws java.io.IOException;

    /**
     * The program opens a file: {@code how} is {@code 'r'} ({@code FileInputStream}, {@code stream} is
     * it), {@code 'w'} or {@code 'a'} ({@code FileOutputStream}, appending). Recording opens it and marks
     * the descriptor when the file is one it keeps ({@link FileMarks}); replay throws the recorded
     * failure or opens {@code /dev/null} in its place, so nothing is read or written.
     */
    void openFile(Object stream, String name, int how, int ref) throws java.io.FileNotFoundException;

    /**
     * Stands in for {@code UnixNativeDispatcher.open} as NIO opens a file channel ({@code Files.*},
     * {@code FileChannel.open}): returns the descriptor or throws the JDK's {@code UnixException}.
     */
    int openFileChannel(Object path, int flags, int mode, int ref) throws Exception;

    /** An operation on a marked {@code FileInputStream}, as {@link #stdin} describes for fd 0. */
    long fileStream(java.io.FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref)
        throws java.io.IOException;

    /** A native of a marked {@code RandomAccessFile}: see {@link RandomAccessNatives#call}. */
    long randomAccess(java.io.RandomAccessFile raf, int op, byte[] b, int off, int len, long arg, int ref)
        throws java.io.IOException;

    /** A write to a marked {@code FileOutputStream}; one byte {@code oneByte} when {@code b} is null. */
    void fileWrite(java.io.FileOutputStream out, byte[] b, int off, int len, int oneByte, boolean append, int ref)
        throws java.io.IOException;

    /**
     * An operation of a file channel on a marked descriptor: see {@link FileNatives#channel}; {@code 'm'}
     * is a memory mapping, which replay cannot give the recorded contents and so reports.
     */
    long fileChannel(int op, Object nd, java.io.FileDescriptor fd, Object buffers, int off, int len, long position,
                     boolean direct, int alignment, int ref) throws java.io.IOException;

    /**
     * A question about (or change to) a path through {@code UnixNativeDispatcher}: see
     * {@link FileNatives#path}; fills {@code attributes} where the JDK would have.
     */
    long path(int op, Object path, Object attributes, int arg, int ref) throws Exception;

    /** A path's resolved name (real path, link target, canonical path): see {@link FileNatives#pathText}. */
    String pathText(int op, Object fs, Object path, int ref) throws Exception;

    /** A question about (or change to) a {@code java.io.File}: see {@link FileNatives#ioFile}. */
    long ioFile(int op, Object fs, java.io.File file, int arg, int ref);

    /** A change to a {@code java.io.File} (rename, times, permissions, creation): see {@link FileNatives#ioChange}. */
    long ioChange(int op, Object fs, java.io.File file, Object arg, int ref) throws java.io.IOException;

    /**
     * Whether a change to the open file {@code fd}'s metadata must be left undone: replay's stand-in
     * descriptors are {@code /dev/null}, whose mode and owner are the machine's, not the program's.
     */
    boolean leavesOpenFileAlone(int fd);

    /** {@code File.list()} (and so {@code listFiles}). */
    String[] ioList(Object fs, java.io.File file, int ref);

    /** {@code Files.newDirectoryStream} (and so {@code list}, {@code walk}, {@code find}). */
    java.nio.file.DirectoryStream<java.nio.file.Path> directory(java.nio.file.spi.FileSystemProvider provider,
        java.nio.file.Path dir, java.nio.file.DirectoryStream.Filter<? super java.nio.file.Path> filter, int ref)
        throws java.io.IOException;

    /**
     * A socket channel operation ({@code SocketChannel}, {@code ServerSocketChannel}): see
     * {@link ChannelNatives#call}. Connect and bind decide, as a file's open does, and mark the
     * descriptor; accept marks the new connection's. Replay connects, binds and accepts nothing: the
     * descriptors are unconnected sockets, and what the recording reported is returned.
     */
    long netChannel(int op, java.net.ProtocolFamily family, java.io.FileDescriptor fd, Object arg, int number, int ref)
        throws java.io.IOException;

    /** A datagram on a marked channel: see {@link ChannelNatives#datagram}. */
    int datagram(int op, java.io.FileDescriptor fd, long address, int len, long peer, int flag, int ref)
        throws java.io.IOException;

    /** Data at a native address on a marked socket channel: see {@link ChannelNatives#nativeData}. */
    int netNativeData(int op, Object nd, java.io.FileDescriptor fd, long address, int len, int ref)
        throws java.io.IOException;

    /** A marked channel's local address (its bound or ephemeral port). */
    java.net.InetSocketAddress netLocalAddress(java.io.FileDescriptor fd, int ref) throws java.io.IOException;

    /** Data on a marked socket channel: see {@link ChannelNatives#data}. */
    long netChannelData(int op, Object nd, java.io.FileDescriptor fd, Object buffers, int off, int len, long position,
                        int ref) throws java.io.IOException;

    /**
     * A selector's epoll calls on an application thread: see {@link ChannelNatives#select}. Replay waits
     * for nothing and reports the recorded ready descriptors, translated to its own.
     */
    long select(int op, int epfd, long address, int numfds, int timeout, int ref) throws java.io.IOException;

    /** Called on entry to a selector's {@code wakeup()}: replay lets a recorded wake-up happen only after one. */
    void selectorWoken();

    /** The sink in place before the agent installs one, and after a recording stops: no effect at all. */
    Sink NONE = new PassThroughSink();
}
