package dev.airlock.recorder.runtime;

import dev.airlock.bridge.FileInputNatives;
import dev.airlock.bridge.ProcessLauncher;
import dev.airlock.bridge.SocketNatives;
import dev.airlock.format.StreamPayloads;

import dev.airlock.bridge.Sink;
import dev.airlock.format.EventKind;
import dev.airlock.format.JournalWriter;
import dev.airlock.format.PayloadCodec;
import dev.airlock.format.SiteRef;
import dev.airlock.recorder.instrument.AirlockTransformer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;

/**
 * The recording runtime behind the bridge: every captured value of an application thread is appended
 * to that thread's event writer and handed back unchanged. The capture path does not lock or allocate.
 */
public final class RecordingSink implements Sink, AirlockTransformer.AgentSection {

    private final JournalWriter journal;
    private final ExitState exit;
    private final OutputDigest stdout = new OutputDigest();
    private final OutputDigest stderr = new OutputDigest();
    private final ThreadStates<RecordingThread> threads;
    private final UncaughtLog uncaught;

    private final boolean keepConsoleBytes;
    private final RecordedFiles files;
    private final RecordedChannels channels;

    public RecordingSink(JournalWriter journal, Thread mainThread, boolean keepConsoleBytes, FileScope files) {
        this.files = new RecordedFiles(this, files);
        this.channels = new RecordedChannels(this);
        this.journal = journal;
        this.keepConsoleBytes = keepConsoleBytes;
        this.exit = new ExitState(mainThread);
        this.uncaught = new UncaughtLog(journal);
        dev.airlock.format.FailureListener.install(new FailureOrigins(journal)::recording);
        this.threads = new ThreadStates<>(RecordingThread::new, mainThread,
            (t, thread) -> t.writer = t.logical() ? journal.openDeferred(t.path, thread) : journal.openThread(t.path, thread));
    }

    private RecordingThread current() {
        return threads.current();
    }

    /** The calling thread's state, for the serial scheduler. */
    /** The threads' states, which fork-join task runs switch (see {@link TaskThreads}). */
    public LogicalThreads logicalThreads() {
        return threads;
    }

    public ThreadState threadState() {
        return threads.current();
    }

    /** The calling thread's state, for the I/O helpers of this package. */
    RecordingThread thread() {
        return threads.current();
    }

    @Override
    public void enter() {
        threads.enter();
    }

    @Override
    public void exit() {
        threads.exit();
    }

    @Override
    public long onLong(long value, int ref) {
        RecordingThread t = current();
        if (t.capturing()) {
            t.writer.appendLong(ref, value);
        }
        return value;
    }

    @Override
    public int onInt(int value, int ref) {
        RecordingThread t = current();
        if (t.capturing()) {
            t.writer.appendInt(ref, value);
        }
        return value;
    }

    @Override
    public double onDouble(double value, int ref) {
        RecordingThread t = current();
        if (t.capturing()) {
            t.writer.appendDouble(ref, value);
        }
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object onObject(Object value, int ref) {
        RecordingThread t = current();
        if (!t.capturing()) {
            return value;
        }
        t.agentDepth++;
        try {
            EventKind kind = EventKind.ofCode(SiteRef.kindCode(ref));
            switch (kind) {
                case INSTANT: {
                    Instant i = (Instant) value;
                    t.writer.appendInstant(ref, i.getEpochSecond(), i.getNano());
                    break;
                }
                case ENV_MAP: {
                    byte[] b = t.codec().map((Map<String, String>) value);
                    t.writer.appendBytes(ref, b, 0, b.length);
                    break;
                }
                case ENV_VAR: {
                    byte[] b = PayloadCodec.string((String) value);
                    t.writer.appendBytes(ref, b, 0, b == null ? 0 : b.length);
                    break;
                }
                case SECURE_RANDOM_SEED: {
                    byte[] b = (byte[]) value;
                    t.writer.appendBytes(ref, b, 0, b == null ? 0 : b.length);
                    break;
                }
                default:
                    throw new IllegalStateException("no object encoding for " + kind);
            }
        } finally {
            t.agentDepth--;
        }
        return value;
    }

    @Override
    public void onFilled(byte[] filled, int ref) {
        RecordingThread t = current();
        if (t.capturing() && filled != null) {
            t.writer.appendBytes(ref, filled, 0, filled.length);
        }
    }

    /**
     * Another thread's stack is where it happened to be (its own is where the program is, the same on
     * replay): kept, without Airlock's frames.
     */
    @Override
    public StackTraceElement[] threadStack(Thread thread, int ref) {
        RecordingThread t = current();
        if (!t.capturing() || thread == Thread.currentThread()) {
            return thread.getStackTrace();
        }
        t.agentDepth++;
        try {
            StackTraceElement[] frames = dev.airlock.bridge.AgentFrames.withoutAgent(thread.getStackTrace());
            byte[] b = dev.airlock.format.ThreadStacks.encode(
                java.util.List.of(new dev.airlock.format.ThreadStacks.Stack(thread.getName(), frames)));
            t.writer.appendBytes(ref, b, 0, b.length);
            return frames;
        } finally {
            t.agentDepth--;
        }
    }

    @Override
    public int activeCount() {
        return AppThreads.activeCount();
    }

    @Override
    public long threadLocalSeed(long seeder, int ref) {
        RecordingThread t = current();
        if (t.makesRandomSeed()) {
            return t.randomSeed(0); // whether or not inside agent code: the seed must not depend on where
        }
        if (!t.capturing()) {
            return t.uncapturedRandomSeed(seeder);
        }
        return t.randomSeed(onLong(dev.airlock.bridge.Hooks.mixSeed(seeder), ref));
    }

    @Override
    public long randomThreadId(Thread thread) {
        return current().randomThreadId(thread);
    }

    /**
     * Another thread's state is where it happened to be; under the serial scheduler, what the program
     * would see (not the scheduler's own waits). Kept. Its own state is always {@code RUNNABLE}.
     */
    @Override
    public Thread.State stateOf(Thread thread, int ref) {
        RecordingThread t = current();
        if (!t.capturing() || thread == Thread.currentThread()) {
            return thread.getState();
        }
        t.agentDepth++;
        try {
            Thread.State seen = dev.airlock.bridge.Turns.stateOf(thread);
            Thread.State state = seen != null ? seen : thread.getState();
            t.writer.appendInt(ref, state.ordinal());
            return state;
        } finally {
            t.agentDepth--;
        }
    }

    /** Every thread but the agent's, each without Airlock's frames; kept. */
    @Override
    public java.util.Map<Thread, StackTraceElement[]> allThreadStacks(int ref) {
        RecordingThread t = current();
        if (!t.capturing()) {
            return Thread.getAllStackTraces();
        }
        t.agentDepth++;
        try {
            java.util.Map<Thread, StackTraceElement[]> all = new java.util.HashMap<>();
            java.util.List<dev.airlock.format.ThreadStacks.Stack> kept = new java.util.ArrayList<>();
            for (java.util.Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                if (AppThreads.isAgent(e.getKey())) {
                    continue;
                }
                StackTraceElement[] frames = dev.airlock.bridge.AgentFrames.withoutAgent(e.getValue());
                all.put(e.getKey(), frames);
                kept.add(new dev.airlock.format.ThreadStacks.Stack(e.getKey().getName(), frames));
            }
            byte[] b = dev.airlock.format.ThreadStacks.encode(kept);
            t.writer.appendBytes(ref, b, 0, b.length);
            return all;
        } finally {
            t.agentDepth--;
        }
    }

    @Override
    public InetAddress localHost(int ref) throws UnknownHostException {
        RecordingThread t = current();
        if (!t.capturing()) {
            return InetAddress.getLocalHost();
        }
        t.agentDepth++;
        try {
            InetAddress address = InetAddress.getLocalHost();
            byte[] b = PayloadCodec.host(address, null);
            t.writer.appendBytes(ref, b, 0, b.length);
            return address;
        } catch (UnknownHostException e) {
            byte[] b = PayloadCodec.host(null, e);
            t.writer.appendBytes(ref, b, 0, b.length);
            throw e;
        } finally {
            t.agentDepth--;
        }
    }

    @Override
    public void threadStarting(Thread child) {
        RecordingThread t = current();
        t.agentDepth++;
        try {
            if (threads.childStarting(t, child, t.writer != null && t.agentDepth == 1)) {
                t.writer.appendMarker(RuntimeSites.THREAD_START_REF);
            }
        } finally {
            t.agentDepth--;
        }
    }

    @Override
    public void mainStarting(String[] args) {
        RecordingThread t = current();
        t.agentDepth++;
        try {
            journal.writeNote(MainArguments.toFields(args));
        } finally {
            t.agentDepth--;
        }
    }

    @Override
    public void exiting(int status) {
        exit.exiting(status);
        RecordingThread t = current();
        if (t.writer != null) {
            t.agentDepth++;
            try {
                uncaught.exiting(status);
            } finally {
                t.agentDepth--;
            }
        }
    }

    @Override
    public void uncaught(Thread thread, Throwable error) {
        exit.uncaught(thread);
        RecordingThread t = current();
        t.agentDepth++;
        try {
            uncaught.record(thread, error);
        } finally {
            t.agentDepth--;
        }
    }

    @Override
    public void output(int fd, byte[] bytes, int offset, int length) {
        RecordingThread t = current();
        if (!t.capturing()) {
            return;
        }
        (fd == 1 ? stdout : stderr).update(bytes, offset, length);
        int ref = fd == 1 ? RuntimeSites.STDOUT_REF : RuntimeSites.STDERR_REF;
        if (keepConsoleBytes) {
            t.writer.appendBytes(ref, bytes, offset, length);
        } else {
            t.writer.appendBytes(ref, t.consoleCheck(bytes, offset, length), 0, 8);
        }
    }

    @Override
    public Process startProcess(String[] command, Map<String, String> environment, String directory,
                                ProcessBuilder.Redirect[] redirects, boolean redirectErrorStream, int ref)
        throws java.io.IOException {
        RecordingThread t = current();
        if (!t.capturing()) {
            return ProcessLauncher.launch(command, environment, directory, redirects, redirectErrorStream);
        }
        String line = String.join(" ", command);
        Process p;
        try {
            current().agentDepth++;
            try {
                p = ProcessLauncher.launch(command, environment, directory, redirects, redirectErrorStream);
            } finally {
                current().agentDepth--;
            }
        } catch (java.io.IOException | RuntimeException e) {
            append(ref, StreamPayloads.failedToStart(line, e));
            throw e;
        }
        append(ref, StreamPayloads.started(line, p.pid()));
        return new RecordingProcess(p, this);
    }

    @Override
    public long stdin(java.io.FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref)
        throws java.io.IOException {
        RecordingThread t = current();
        if (!t.capturing()) {
            return FileInputNatives.call(in, op, b, off, len, arg);
        }
        long result;
        try {
            result = FileInputNatives.call(in, op, b, off, len, arg);
        } catch (java.io.IOException | RuntimeException e) {
            append(ref, StreamPayloads.readFailed(StreamPayloads.STDIN, e));
            throw e;
        }
        append(ref, op == 'r' ? StreamPayloads.read(StreamPayloads.STDIN, b, off, (int) result)
            : StreamPayloads.readValue(StreamPayloads.STDIN, (char) op, result));
        return result;
    }

    @Override
    public InetAddress[] resolve(String host, dev.airlock.bridge.HostResolver.Lookup lookup, int ref)
        throws UnknownHostException {
        RecordingThread t = current();
        if (!t.capturing()) {
            return lookup.run();
        }
        InetAddress[] addresses;
        try {
            // The JDK's own reading (a hosts file, say) is not the program's: replay resolves nothing.
            t.agentDepth++;
            try {
                addresses = lookup.run();
            } finally {
                t.agentDepth--;
            }
        } catch (UnknownHostException | RuntimeException e) {
            append(ref, encodeHosts(t, host, null, e));
            throw e;
        }
        append(ref, encodeHosts(t, host, addresses, null));
        return addresses;
    }

    @Override
    public long socket(Object impl, int op, byte[] b, int off, int len, java.net.SocketAddress address, int timeout,
                       int ref) throws java.io.IOException {
        RecordingThread t = current();
        if (!t.capturing()) {
            return SocketNatives.call(impl, op, b, off, len, address, timeout);
        }
        long result;
        try {
            t.agentDepth++;
            try {
                result = SocketNatives.call(impl, op, b, off, len, address, timeout);
            } finally {
                t.agentDepth--;
            }
        } catch (java.io.IOException | RuntimeException e) {
            append(ref, op == 'c' ? StreamPayloads.failedToStart(String.valueOf(address), e)
                : StreamPayloads.readFailed(StreamPayloads.SOCKET, e));
            throw e;
        }
        switch (op) {
            case 'c' -> append(ref, StreamPayloads.started(String.valueOf(address), 0));
            case 'r' -> appendRead(ref, StreamPayloads.SOCKET, b, off, (int) result);
            case 'w' -> {
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                crc.update(b, off, len);
                append(ref, StreamPayloads.socketWrite(len, (int) crc.getValue()));
            }
            default -> append(ref, StreamPayloads.readValue(StreamPayloads.SOCKET, (char) op, result));
        }
        return result;
    }

    @Override
    public long serverSocket(Object impl, int op, Object arg, int number, int ref) throws java.io.IOException {
        RecordingThread t = current();
        if (!t.capturing()) {
            return SocketNatives.server(impl, op, arg, number);
        }
        String asked = op == 'b' ? "bind " + arg + ":" + number : op == 'l' ? "listen " + number : "accept";
        long result;
        try {
            t.agentDepth++;
            try {
                result = SocketNatives.server(impl, op, arg, number);
            } finally {
                t.agentDepth--;
            }
        } catch (java.io.IOException | RuntimeException e) {
            append(ref, StreamPayloads.failedToStart(asked, e));
            throw e;
        }
        if (op == 'A') {
            java.net.InetSocketAddress remote = SocketNatives.remote(arg);
            append(ref, StreamPayloads.started(remote.getAddress().getHostAddress() + " " + remote.getPort(),
                SocketNatives.localPort(arg)));
        } else {
            append(ref, StreamPayloads.started(asked, result));
        }
        return result;
    }

    /** Encoding builds strings and may load classes: agent work, never captured itself. */
    private static byte[] encodeHosts(RecordingThread t, String host, InetAddress[] addresses, Exception failure) {
        t.agentDepth++;
        try {
            return PayloadCodec.hosts(host, addresses, failure);
        } finally {
            t.agentDepth--;
        }
    }

    /** Appends one event of the calling thread, when it is an application thread that records. */
    void append(int ref, byte[] payload) {
        RecordingThread t = current();
        if (t.capturing()) {
            t.writer.appendBytes(ref, payload, 0, payload.length);
        }
    }

    /**
     * A read of {@code n} bytes from {@code b[off..]} ({@code n < 0}: EOF). A read bigger than the
     * journal takes in one event is kept as parts ({@link StreamPayloads#readPart}), so its size is
     * bounded by the disk, not by a document or the buffer.
     */
    void appendRead(int ref, byte stream, byte[] b, int off, int n) {
        RecordingThread t = current();
        if (!t.capturing()) {
            return;
        }
        int part = t.writer.largestPart();
        if (n <= part) {
            byte[] p = StreamPayloads.read(stream, b, off, n);
            t.writer.appendBytes(ref, p, 0, p.length);
            return;
        }
        for (int at = 0; at < n; at += part) {
            int k = Math.min(part, n - at);
            byte[] p = at + k < n ? StreamPayloads.readPart(stream, b, off + at, k) : StreamPayloads.read(stream, b, off + at, k);
            t.writer.appendPart(ref, p, 0, p.length);
        }
    }

    /** Like {@link #appendRead(int, byte, byte[], int, int)} for a read into buffers that moved from {@code before}. */
    void appendRead(int ref, byte stream, BufferRange range, int[] before, int n) {
        RecordingThread t = current();
        if (!t.capturing()) {
            return;
        }
        int part = t.writer.largestPart();
        if (n <= part) {
            byte[] bytes = range.moved(before, n);
            appendRead(ref, stream, bytes, 0, bytes.length);
            return;
        }
        for (int at = 0; at < n; at += part) {
            int k = Math.min(part, n - at);
            byte[] bytes = range.moved(before, at, k);
            byte[] p = at + k < n ? StreamPayloads.readPart(stream, bytes, 0, k) : StreamPayloads.read(stream, bytes, 0, k);
            t.writer.appendPart(ref, p, 0, p.length);
        }
    }

    public ExitState exitState() {
        return exit;
    }

    public OutputDigest stdout() {
        return stdout;
    }

    public OutputDigest stderr() {
        return stderr;
    }

    @Override
    public void openFile(Object stream, String name, int how, int ref) throws java.io.FileNotFoundException {
        files.openFile(stream, name, how, ref);
    }

    @Override
    public int openFileChannel(Object path, int flags, int mode, int ref) throws Exception {
        return files.openFileChannel(path, flags, mode, ref);
    }

    @Override
    public long fileStream(java.io.FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref)
        throws java.io.IOException {
        return files.fileStream(in, op, b, off, len, arg, ref);
    }

    @Override
    public void fileWrite(java.io.FileOutputStream out, byte[] b, int off, int len, int oneByte, boolean append, int ref)
        throws java.io.IOException {
        files.fileWrite(out, b, off, len, oneByte, append, ref);
    }

    @Override
    public long fileChannel(int op, Object nd, java.io.FileDescriptor fd, Object buffers, int off, int len,
                            long position, boolean direct, int alignment, int ref) throws java.io.IOException {
        return files.fileChannel(op, nd, fd, buffers, off, len, position, direct, alignment, ref);
    }

    @Override
    public long path(int op, Object path, Object attributes, int arg, int ref) throws Exception {
        return files.path(op, path, attributes, arg, ref);
    }

    @Override
    public String pathText(int op, Object fs, Object path, int ref) throws Exception {
        return files.pathText(op, fs, path, ref);
    }

    @Override
    public long ioFile(int op, Object fs, java.io.File file, int arg, int ref) {
        return files.ioFile(op, fs, file, arg, ref);
    }

    @Override
    public long ioChange(int op, Object fs, java.io.File file, Object arg, int ref) throws java.io.IOException {
        return files.ioChange(op, fs, file, arg, ref);
    }

    @Override
    public String[] ioList(Object fs, java.io.File file, int ref) {
        return files.ioList(fs, file, ref);
    }

    @Override
    public java.nio.file.DirectoryStream<java.nio.file.Path> directory(java.nio.file.spi.FileSystemProvider provider,
        java.nio.file.Path dir, java.nio.file.DirectoryStream.Filter<? super java.nio.file.Path> filter, int ref)
        throws java.io.IOException {
        return files.directory(provider, dir, filter, ref);
    }

    @Override
    public long netChannel(int op, java.net.ProtocolFamily family, java.io.FileDescriptor fd, Object arg, int number,
                           int ref) throws java.io.IOException {
        return channels.netChannel(op, family, fd, arg, number, ref);
    }

    @Override
    public java.net.InetSocketAddress netLocalAddress(java.io.FileDescriptor fd, int ref) throws java.io.IOException {
        return channels.localAddress(fd, ref);
    }

    @Override
    public long netChannelData(int op, Object nd, java.io.FileDescriptor fd, Object buffers, int off, int len,
                               long position, int ref) throws java.io.IOException {
        return channels.data(op, nd, fd, buffers, off, len, position, ref);
    }

    @Override
    public long select(int op, int epfd, long address, int numfds, int timeout, int ref) throws java.io.IOException {
        return channels.select(op, epfd, address, numfds, timeout, ref);
    }

    @Override
    public void selectorWoken() {
    }

    @Override
    public long randomAccess(java.io.RandomAccessFile raf, int op, byte[] b, int off, int len, long arg, int ref)
        throws java.io.IOException {
        return files.randomAccess(raf, op, b, off, len, arg, ref);
    }

    @Override
    public int netNativeData(int op, Object nd, java.io.FileDescriptor fd, long address, int len, int ref)
        throws java.io.IOException {
        return channels.nativeData(op, nd, fd, address, len, ref);
    }

    @Override
    public int datagram(int op, java.io.FileDescriptor fd, long address, int len, long peer, int flag, int ref)
        throws java.io.IOException {
        return channels.datagram(op, fd, address, len, peer, flag, ref);
    }

    @Override
    public boolean leavesOpenFileAlone(int fd) {
        return false;
    }
}
