package dev.airlock.bridge;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Hands every value back untouched; what the rewritten code sees when nothing is recording. */
final class PassThroughSink implements Sink {

    @Override
    public long onLong(long value, int ref) {
        return value;
    }

    @Override
    public int onInt(int value, int ref) {
        return value;
    }

    @Override
    public double onDouble(double value, int ref) {
        return value;
    }

    @Override
    public Object onObject(Object value, int ref) {
        return value;
    }

    @Override
    public void onFilled(byte[] filled, int ref) {
    }

    @Override
    public InetAddress localHost(int ref) throws UnknownHostException {
        return InetAddress.getLocalHost();
    }

    @Override
    public StackTraceElement[] threadStack(Thread thread, int ref) {
        return thread.getStackTrace();
    }

    @Override
    public int activeCount() {
        return Thread.activeCount();
    }

    @Override
    public long threadLocalSeed(long seeder, int ref) {
        return Hooks.mixSeed(seeder);
    }

    @Override
    @SuppressWarnings("deprecation") // threadId() is Java 19+
    public long randomThreadId(Thread thread) {
        return thread.getId();
    }

    @Override
    public Thread.State stateOf(Thread thread, int ref) {
        return thread.getState();
    }

    @Override
    public java.util.Map<Thread, StackTraceElement[]> allThreadStacks(int ref) {
        return Thread.getAllStackTraces();
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
                                ProcessBuilder.Redirect[] redirects, boolean redirectErrorStream, int ref)
        throws java.io.IOException {
        return ProcessLauncher.launch(command, environment, directory, redirects, redirectErrorStream);
    }

    @Override
    public long stdin(java.io.FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref)
        throws java.io.IOException {
        return FileInputNatives.call(in, op, b, off, len, arg);
    }

    @Override
    public InetAddress[] resolve(String host, HostResolver.Lookup lookup, int ref) throws UnknownHostException {
        return lookup.run();
    }

    @Override
    public long socket(Object impl, int op, byte[] b, int off, int len, java.net.SocketAddress address, int timeout,
                       int ref) throws java.io.IOException {
        return SocketNatives.call(impl, op, b, off, len, address, timeout);
    }

    @Override
    public long serverSocket(Object impl, int op, Object arg, int number, int ref) throws java.io.IOException {
        return SocketNatives.server(impl, op, arg, number);
    }

    @Override
    public void openFile(Object stream, String name, int how, int ref) throws java.io.FileNotFoundException {
        FileAccess.open(stream, name, how);
    }

    @Override
    public int openFileChannel(Object path, int flags, int mode, int ref) throws Exception {
        return FileNatives.open(path, flags, mode);
    }

    @Override
    public long fileStream(java.io.FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref)
        throws java.io.IOException {
        return FileInputNatives.call(in, op, b, off, len, arg);
    }

    @Override
    public void fileWrite(java.io.FileOutputStream out, byte[] b, int off, int len, int oneByte, boolean append, int ref)
        throws java.io.IOException {
        FileNatives.write(out, b, off, len, oneByte, append);
    }

    @Override
    public long fileChannel(int op, Object nd, java.io.FileDescriptor fd, Object buffers, int off, int len,
                            long position, boolean direct, int alignment, int ref) throws java.io.IOException {
        return op == 'm' ? 0 : FileNatives.channel(op, nd, fd, buffers, off, len, position, direct, alignment);
    }

    @Override
    public long path(int op, Object path, Object attributes, int arg, int ref) throws Exception {
        return FileNatives.path(op, path, attributes, arg);
    }

    @Override
    public String pathText(int op, Object fs, Object path, int ref) throws Exception {
        return FileNatives.pathText(op, fs, path);
    }

    @Override
    public long ioFile(int op, Object fs, java.io.File file, int arg, int ref) {
        return FileNatives.ioFile(op, fs, file, arg);
    }

    @Override
    public long ioChange(int op, Object fs, java.io.File file, Object arg, int ref) throws java.io.IOException {
        return FileNatives.ioChange(op, fs, file, arg);
    }

    @Override
    public String[] ioList(Object fs, java.io.File file, int ref) {
        return FileNatives.ioList(fs, file);
    }

    @Override
    public java.nio.file.DirectoryStream<java.nio.file.Path> directory(java.nio.file.spi.FileSystemProvider provider,
        java.nio.file.Path dir, java.nio.file.DirectoryStream.Filter<? super java.nio.file.Path> filter, int ref)
        throws java.io.IOException {
        return provider.newDirectoryStream(dir, filter);
    }

    @Override
    public long netChannel(int op, java.net.ProtocolFamily family, java.io.FileDescriptor fd, Object arg, int number,
                           int ref) throws java.io.IOException {
        return ChannelNatives.call(op, family, fd, arg, number);
    }

    @Override
    public java.net.InetSocketAddress netLocalAddress(java.io.FileDescriptor fd, int ref) throws java.io.IOException {
        return ChannelNatives.localAddress(fd);
    }

    @Override
    public long netChannelData(int op, Object nd, java.io.FileDescriptor fd, Object buffers, int off, int len,
                               long position, int ref) throws java.io.IOException {
        return ChannelNatives.data(op, nd, fd, buffers, off, len, position);
    }

    @Override
    public long select(int op, int epfd, long address, int numfds, int timeout, int ref) throws java.io.IOException {
        return ChannelNatives.select(op, epfd, address, numfds, timeout);
    }

    @Override
    public void selectorWoken() {
    }

    @Override
    public long randomAccess(java.io.RandomAccessFile raf, int op, byte[] b, int off, int len, long arg, int ref)
        throws java.io.IOException {
        return RandomAccessNatives.call(raf, op, b, off, len, arg);
    }

    @Override
    public int datagram(int op, java.io.FileDescriptor fd, long address, int len, long peer, int flag, int ref)
        throws java.io.IOException {
        return ChannelNatives.datagram(op, fd, address, len, peer, flag);
    }

    @Override
    public int netNativeData(int op, Object nd, java.io.FileDescriptor fd, long address, int len, int ref)
        throws java.io.IOException {
        return ChannelNatives.nativeData(op, nd, fd, address, len);
    }

    @Override
    public boolean leavesOpenFileAlone(int fd) {
        return false;
    }
}
