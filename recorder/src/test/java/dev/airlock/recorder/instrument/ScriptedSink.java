package dev.airlock.recorder.instrument;

import dev.airlock.bridge.Sink;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands in for a replay in tests that run rewritten code: answers every capture with a value of its own
 * (longs count up from 1000 in steps of 7, ints are 3, doubles 0.25, objects "replayed:HOME", the local
 * host 10.0.0.1) and remembers the refs it was given, in order.
 */
final class ScriptedSink implements Sink {

    final List<Integer> refs = new ArrayList<>();
    private long clock = 1_000;

    @Override
    public long onLong(long value, int ref) {
        refs.add(ref);
        long answer = clock;
        clock += 7;
        return answer;
    }

    @Override
    public int onInt(int value, int ref) {
        refs.add(ref);
        return 3;
    }

    @Override
    public double onDouble(double value, int ref) {
        refs.add(ref);
        return 0.25;
    }

    @Override
    public Object onObject(Object value, int ref) {
        refs.add(ref);
        return "replayed:HOME";
    }

    @Override
    public void onFilled(byte[] filled, int ref) {
        refs.add(ref);
    }

    @Override
    public InetAddress localHost(int ref) throws UnknownHostException {
        refs.add(ref);
        return InetAddress.getByAddress("replayed-host", new byte[] {10, 0, 0, 1});
    }

    @Override
    public StackTraceElement[] threadStack(Thread thread, int ref) {
        refs.add(ref);
        return new StackTraceElement[] {new StackTraceElement("replayed.Frame", "here", null, 1)};
    }

    @Override
    public int activeCount() {
        return 1;
    }

    @Override
    public long threadLocalSeed(long seeder, int ref) {
        return onLong(seeder, ref);
    }

    @Override
    public long randomThreadId(Thread thread) {
        return 7;
    }

    @Override
    public Thread.State stateOf(Thread thread, int ref) {
        refs.add(ref);
        return Thread.State.BLOCKED;
    }

    @Override
    public java.util.Map<Thread, StackTraceElement[]> allThreadStacks(int ref) {
        refs.add(ref);
        return java.util.Map.of();
    }

    @Override
    public void threadStarting(Thread child) {
    }

    @Override
    public void mainStarting(String[] args) {
    }

    @Override
    public void exiting(int status) {
    }

    @Override
    public void uncaught(Thread thread, Throwable error) {
    }

    @Override
    public void output(int fd, byte[] bytes, int offset, int length) {
    }

    @Override
    public Process startProcess(String[] command, java.util.Map<String, String> environment, String directory,
                                ProcessBuilder.Redirect[] redirects, boolean redirectErrorStream, int ref) {
        throw new UnsupportedOperationException("no processes in instrumentation tests");
    }

    @Override
    public long stdin(java.io.FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref) {
        throw new UnsupportedOperationException("no stdin in instrumentation tests");
    }

    @Override
    public java.net.InetAddress[] resolve(String host, dev.airlock.bridge.HostResolver.Lookup lookup, int ref) {
        throw new UnsupportedOperationException("no name service in instrumentation tests");
    }

    @Override
    public long socket(Object impl, int op, byte[] b, int off, int len, java.net.SocketAddress address, int timeout,
                       int ref) {
        throw new UnsupportedOperationException("no sockets in instrumentation tests");
    }

    @Override
    public long serverSocket(Object impl, int op, Object arg, int number, int ref) {
        throw new UnsupportedOperationException("no server sockets in instrumentation tests");
    }

    @Override
    public void openFile(Object stream, String name, int how, int ref) {
        throw new UnsupportedOperationException("no files in instrumentation tests");
    }

    @Override
    public int openFileChannel(Object path, int flags, int mode, int ref) {
        throw new UnsupportedOperationException("no files in instrumentation tests");
    }

    @Override
    public long fileStream(java.io.FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref) {
        throw new UnsupportedOperationException("no files in instrumentation tests");
    }

    @Override
    public void fileWrite(java.io.FileOutputStream out, byte[] b, int off, int len, int oneByte, boolean append, int ref) {
        throw new UnsupportedOperationException("no files in instrumentation tests");
    }

    @Override
    public long fileChannel(int op, Object nd, java.io.FileDescriptor fd, Object buffers, int off, int len,
                            long position, boolean direct, int alignment, int ref) {
        throw new UnsupportedOperationException("no files in instrumentation tests");
    }

    @Override
    public long path(int op, Object path, Object attributes, int arg, int ref) {
        throw new UnsupportedOperationException("no files in instrumentation tests");
    }

    @Override
    public String pathText(int op, Object fs, Object path, int ref) {
        throw new UnsupportedOperationException("no files in instrumentation tests");
    }

    @Override
    public long ioFile(int op, Object fs, java.io.File file, int arg, int ref) {
        throw new UnsupportedOperationException("no files in instrumentation tests");
    }

    @Override
    public long ioChange(int op, Object fs, java.io.File file, Object arg, int ref) {
        throw new UnsupportedOperationException("no files in instrumentation tests");
    }

    @Override
    public String[] ioList(Object fs, java.io.File file, int ref) {
        throw new UnsupportedOperationException("no files in instrumentation tests");
    }

    @Override
    public java.nio.file.DirectoryStream<java.nio.file.Path> directory(java.nio.file.spi.FileSystemProvider provider,
        java.nio.file.Path dir, java.nio.file.DirectoryStream.Filter<? super java.nio.file.Path> filter, int ref) {
        throw new UnsupportedOperationException("no files in instrumentation tests");
    }

    @Override
    public long netChannel(int op, java.net.ProtocolFamily family, java.io.FileDescriptor fd, Object arg, int number,
                           int ref) {
        throw new UnsupportedOperationException("no channels in instrumentation tests");
    }

    @Override
    public java.net.InetSocketAddress netLocalAddress(java.io.FileDescriptor fd, int ref) {
        throw new UnsupportedOperationException("no channels in instrumentation tests");
    }

    @Override
    public long netChannelData(int op, Object nd, java.io.FileDescriptor fd, Object buffers, int off, int len,
                               long position, int ref) {
        throw new UnsupportedOperationException("no channels in instrumentation tests");
    }

    @Override
    public long select(int op, int epfd, long address, int numfds, int timeout, int ref) {
        throw new UnsupportedOperationException("no channels in instrumentation tests");
    }

    @Override
    public void selectorWoken() {
    }

    @Override
    public long randomAccess(java.io.RandomAccessFile raf, int op, byte[] b, int off, int len, long arg, int ref) {
        throw new UnsupportedOperationException("no files in instrumentation tests");
    }

    @Override
    public int datagram(int op, java.io.FileDescriptor fd, long address, int len, long peer, int flag, int ref) {
        throw new UnsupportedOperationException("no channels in instrumentation tests");
    }

    @Override
    public int netNativeData(int op, Object nd, java.io.FileDescriptor fd, long address, int len, int ref) {
        throw new UnsupportedOperationException("no channels in instrumentation tests");
    }

    @Override
    public boolean leavesOpenFileAlone(int fd) {
        return false;
    }
}
