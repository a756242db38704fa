package dev.airlock.replayer.agent;

import dev.airlock.bridge.FileAccess;
import dev.airlock.bridge.FileInputNatives;
import dev.airlock.bridge.FileMarks;
import dev.airlock.bridge.FileNatives;
import dev.airlock.bridge.ListedDirectory;
import dev.airlock.bridge.RandomAccessNatives;
import dev.airlock.format.Event;
import dev.airlock.format.EventKind;
import dev.airlock.format.FilePayloads;
import dev.airlock.format.SiteRef;
import dev.airlock.format.StreamPayloads;
import dev.airlock.recorder.runtime.BufferRange;
import dev.airlock.recorder.runtime.FileScope;
import dev.airlock.recorder.runtime.RecordedFiles;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;

/**
 * The replay side of file capture. Files in the {@link FileScope} are never touched: an open either
 * throws the recorded failure or opens {@code /dev/null} in the file's place (so the stream or channel
 * has a real descriptor to close), marked like the recorded one; reads, sizes and positions on it
 * return what the recording holds; writes are compared by length and CRC-32C and dropped; questions
 * about paths get the recorded answers. A different file, operation or written content is a
 * divergence at the call site. With {@code --sandbox}, files opened for writing are created under the
 * sandbox instead and the compared writes (and the moves between them) are made there.
 */
final class ReplayedFiles {

    private final ReplaySink sink;
    private final FileScope scope;

    ReplayedFiles(ReplaySink sink, FileScope scope) {
        this.sink = sink;
        this.scope = scope;
    }

    private boolean keeps(String path) {
        return sink.replayingHere() && sink.agentWork(() -> scope.keeps(path));
    }

    void openFile(Object stream, String name, int how, int ref) throws FileNotFoundException {
        if (!keeps(name)) {
            FileAccess.open(stream, name, how);
            return;
        }
        String asked = (char) how + " " + name;
        StreamPayloads.Outcome o = opened(ref, asked);
        if (o != null && o.failed()) {
            IOException e = RecordedFailure.ioException(o);
            throw e instanceof FileNotFoundException f ? f : new FileNotFoundException(o.message());
        }
        FileAccess.open(stream, writes(how) && ReplaySandbox.on() ? sandboxed(name) : "/dev/null", how);
        FileAccess.mark(stream);
    }

    /** A FileOutputStream, or a RandomAccessFile opened with the JDK's read-write bit. */
    private static boolean writes(int how) {
        return how == 'w' || how == 'a' || ((how & 0xFF) == 'R' && ((how >>> 8) & 2) != 0);
    }

    /** The sandbox path for {@code name}, made as agent work: its folders are not the program's. */
    private String sandboxed(String name) throws FileNotFoundException {
        String placed = sink.agentWork(() -> {
            try {
                return ReplaySandbox.place(name);
            } catch (IOException e) {
                return null;
            }
        });
        if (placed == null) {
            throw new FileNotFoundException("replay sandbox: cannot place " + name);
        }
        return placed;
    }

    int openFileChannel(Object path, int flags, int mode, int ref) throws Exception {
        String name = path.toString();
        if (!keeps(name)) {
            return FileNatives.open(path, flags, mode);
        }
        StreamPayloads.Outcome o = opened(ref, "c " + name);
        if (o != null && o.failed()) {
            if ("errno".equals(o.exceptionClass())) {
                throw FileNatives.unixException(Integer.parseInt(o.message()));
            }
            throw RecordedFailure.ioException(o);
        }
        // O_WRONLY and O_RDWR are the low two bits on Linux and macOS
        int fd = (flags & 3) != 0 && ReplaySandbox.on() ? FileNatives.openAgain(Path.of(sandboxed(name)), flags, mode)
            : FileNatives.openStandIn(flags, mode);
        FileMarks.mark(fd);
        return fd;
    }

    private StreamPayloads.Outcome opened(int ref, String asked) {
        Event e = sink.expectHere(ref);
        if (e == null) {
            return null;
        }
        String recorded = StreamPayloads.startCommand(e.bytes());
        if (!recorded.equals(asked)) {
            sink.divergeHere("file.open " + recorded, "file.open " + asked, "the program opened another file than the recording");
        }
        return StreamPayloads.startOutcome(e.bytes());
    }

    long fileStream(FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref) throws IOException {
        // FileInputStream's natives are rewritten once for stdin and files alike: a file's events are file.read.
        ref = SiteRef.of(SiteRef.site(ref), EventKind.FILE_READ);
        if (!sink.replayingHere()) {
            return op == 'o' ? (FileNatives.isRegularFile(in, in.getFD()) ? 1 : 0)
                : FileInputNatives.call(in, op, b, off, len, arg);
        }
        String asked = op == 'r' ? "read of up to " + len + " bytes" : "operation " + (char) op;
        byte[] p = sink.expectPayload(ref, "file " + asked, r -> r[0] == StreamPayloads.FILE
            && (r[1] == op || r[1] == 'x' || (op == 'r' && r[1] == StreamPayloads.PART)));
        return sink.delivered(ref, op, p, b, off, len, "file.read " + asked);
    }

    void fileWrite(FileOutputStream out, byte[] b, int off, int len, int oneByte, boolean append, int ref)
        throws IOException {
        if (!sink.replayingHere()) {
            FileNatives.write(out, b, off, len, oneByte, append);
            return;
        }
        compareWrite(ref, len, RecordedFiles.written(b, off, len, oneByte));
        if (ReplaySandbox.on()) {
            FileNatives.write(out, b, off, len, oneByte, append);
        }
    }

    long randomAccess(java.io.RandomAccessFile raf, int op, byte[] b, int off, int len, long arg, int ref)
        throws IOException {
        if (!sink.replayingHere()) {
            return RandomAccessNatives.call(raf, op, b, off, len, arg);
        }
        if (op == 'w' || op == 'W') {
            compareWrite(ref, len, RecordedFiles.written(b, off, len, (int) arg));
            if (ReplaySandbox.on()) {
                RandomAccessNatives.call(raf, op, b, off, len, arg);
            }
            return len;
        }
        if (ReplaySandbox.on() && (op == 'q' || op == 'L')) {
            // the sandbox copy follows the program's moves, so later writes land where they did
            RandomAccessNatives.call(raf, op, b, off, len, arg);
        }
        String asked = op == 'r' ? "read of up to " + len + " bytes" : "operation " + (char) op;
        byte[] p = sink.expectPayload(ref, "file " + asked, r -> r[0] == StreamPayloads.FILE
            && (r[1] == op || r[1] == 'x' || (op == 'r' && r[1] == StreamPayloads.PART)));
        return sink.delivered(ref, op, p, b, off, len, "file.read " + asked);
    }

    private void compareWrite(int ref, int len, int crc) throws IOException {
        byte[] mine = StreamPayloads.write(StreamPayloads.FILE, len, crc);
        byte[] p = sink.expectPayload(ref, "write of " + StreamPayloads.describe(EventKind.FILE_WRITE, mine),
            r -> r[1] == 'x' || Arrays.equals(r, mine));
        if (p != null && p[1] == 'x') {
            throw RecordedFailure.ioException(StreamPayloads.readOutcome(p));
        }
    }

    long fileChannel(int op, Object nd, FileDescriptor fd, Object buffers, int off, int len, long position,
                     boolean direct, int alignment, int ref) throws IOException {
        if (!sink.replayingHere()) {
            return op == 'm' ? 0 : FileNatives.channel(op, nd, fd, buffers, off, len, position, direct, alignment);
        }
        if (op == 'm') {
            sink.divergeHere("the file's recorded contents", "FileChannel.map of a replayed file at position " + position,
                "a memory-mapped file cannot be replayed: its contents were never read through a call Airlock sees");
            return 0;
        }
        BufferRange range = buffers == null ? null : BufferRange.of(buffers, off, len);
        if (op == 'w' || op == 'W') {
            // the sandbox writes the bytes for real, so they are only compared here
            long n = ReplayedBufferWrite.compare(sink, ref, range, StreamPayloads.FILE, EventKind.FILE_WRITE, "file",
                ReplaySandbox.on());
            if (ReplaySandbox.on()) {
                FileNatives.channel(op, nd, fd, buffers, off, len, position, direct, alignment);
            }
            return n;
        }
        if (ReplaySandbox.on() && (op == 't' || (op == 'q' && position >= 0))) {
            FileNatives.channel(op, nd, fd, buffers, off, len, position, direct, alignment);
        }
        boolean read = op == 'r' || op == 'v';
        String asked = read ? "read of up to " + range.remaining() + " bytes" : "operation " + (char) op;
        byte[] p = sink.expectPayload(ref, "file " + asked, r -> r[0] == StreamPayloads.FILE
            && (r[1] == 'x' || (read ? r[1] == 'r' || r[1] == 'R' || r[1] == StreamPayloads.PART : r[1] == op)));
        if (p == null) {
            return read ? -1 : 0;
        }
        if (!read) {
            if (p[1] == 'x') {
                throw RecordedFailure.ioException(StreamPayloads.readOutcome(p));
            }
            return StreamPayloads.readOutcome(p).value();
        }
        return sink.filled(ref, p, range, "file.read " + asked);
    }

    long path(int op, Object path, Object attributes, int arg, int ref) throws Exception {
        String name = RecordedFiles.described(op, path, attributes, arg);
        if (!keeps(path.toString())) {
            return FileNatives.path(op, path, attributes, arg);
        }
        FilePayloads.Stat s = stat(ref, op, name);
        if (s == null) {
            return FileNatives.path(op, path, attributes, arg);
        }
        if (s.errno() != 0) {
            if (op == 'S' || op == 'A') {
                return s.errno();
            }
            throw FileNatives.unixException(s.errno());
        }
        if (s.exceptionClass() != null) {
            throw RecordedFailure.ioException(new StreamPayloads.Outcome(0, s.exceptionClass(), s.message()));
        }
        if ((op == 's' || op == 'S' || op == 'l') && attributes != null && s.attributes().length > 0
            && !FileNatives.restoreAttributes(attributes, s.attributes())) {
            sink.divergeHere(s.attributes().length + " file attributes", "this JDK's file attributes",
                "the replaying JDK keeps other file attributes than the recording one");
        }
        return s.value();
    }

    long ioFile(int op, Object fs, File file, int arg, int ref) {
        String name = file.getPath();
        if (!keeps(name)) {
            return FileNatives.ioFile(op, fs, file, arg);
        }
        FilePayloads.Stat s = stat(ref, op, name);
        if (s == null) {
            return FileNatives.ioFile(op, fs, file, arg);
        }
        if (s.exceptionClass() != null) {
            throw RecordedFailure.runtimeException(new StreamPayloads.Outcome(0, s.exceptionClass(), s.message()));
        }
        return s.value();
    }

    String pathText(int op, Object fs, Object path, int ref) throws Exception {
        if (!keeps(path.toString())) {
            return FileNatives.pathText(op, fs, path);
        }
        FilePayloads.Listing l = listing(ref, RecordedFiles.describedName(op, path));
        if (l == null) {
            return FileNatives.pathText(op, fs, path);
        }
        if ("errno".equals(l.exceptionClass())) {
            throw FileNatives.unixException(Integer.parseInt(l.message()));
        }
        if (l.exceptionClass() != null) {
            throw RecordedFailure.ioException(new StreamPayloads.Outcome(0, l.exceptionClass(), l.message()));
        }
        if (l.names() == null || l.names().size() != 1) {
            sink.divergeHere("a resolved name", "file.list " + l.path(), "the recording holds no name here");
        }
        return l.names().get(0);
    }

    long ioChange(int op, Object fs, File file, Object arg, int ref) throws IOException {
        if (!keeps(file.getPath())) {
            return FileNatives.ioChange(op, fs, file, arg);
        }
        FilePayloads.Stat s = stat(ref, op, RecordedFiles.describedChange(op, file, arg));
        if (s == null) {
            return 0;
        }
        if (s.exceptionClass() != null) {
            throw RecordedFailure.ioException(new StreamPayloads.Outcome(0, s.exceptionClass(), s.message()));
        }
        return s.value();
    }

    private FilePayloads.Stat stat(int ref, int op, String name) {
        Event e = sink.expectHere(ref);
        if (e == null) {
            return null;
        }
        FilePayloads.Stat s = FilePayloads.stat(e.bytes());
        if (s.op() != op || !s.path().equals(name)) {
            sink.divergeHere("file.stat " + FilePayloads.operation(s.op()) + " " + s.path(),
                "file.stat " + FilePayloads.operation((char) op) + " " + name,
                "the program asked about another file than the recording");
        }
        return s;
    }

    String[] ioList(Object fs, File file, int ref) {
        String name = file.getPath();
        if (!keeps(name)) {
            return FileNatives.ioList(fs, file);
        }
        FilePayloads.Listing l = listing(ref, name);
        if (l == null) {
            return FileNatives.ioList(fs, file);
        }
        if (l.exceptionClass() != null) {
            throw RecordedFailure.runtimeException(new StreamPayloads.Outcome(0, l.exceptionClass(), l.message()));
        }
        return l.names() == null ? null : l.names().toArray(new String[0]);
    }

    DirectoryStream<Path> directory(FileSystemProvider provider, Path dir, DirectoryStream.Filter<? super Path> filter,
                                    int ref) throws IOException {
        if (dir.getFileSystem() != FileSystems.getDefault() || !keeps(dir.toString())) {
            return provider.newDirectoryStream(dir, filter);
        }
        FilePayloads.Listing l = listing(ref, dir.toString());
        if (l == null) {
            return provider.newDirectoryStream(dir, filter);
        }
        if (l.exceptionClass() != null) {
            throw RecordedFailure.ioException(new StreamPayloads.Outcome(0, l.exceptionClass(), l.message()));
        }
        return new ListedDirectory(dir, l.names(), filter);
    }

    private FilePayloads.Listing listing(int ref, String name) {
        Event e = sink.expectHere(ref);
        if (e == null) {
            return null;
        }
        FilePayloads.Listing l = FilePayloads.listing(e.bytes());
        if (!l.path().equals(name)) {
            sink.divergeHere("file.list " + l.path(), "file.list " + name, "the program listed another directory than the recording");
        }
        return l;
    }
}
