package dev.airlock.recorder.runtime;

import dev.airlock.bridge.FileAccess;
import dev.airlock.bridge.FileInputNatives;
import dev.airlock.bridge.FileMarks;
import dev.airlock.bridge.FileNatives;
import dev.airlock.bridge.ListedDirectory;
import dev.airlock.bridge.RandomAccessNatives;
import dev.airlock.format.EventKind;
import dev.airlock.format.FilePayloads;
import dev.airlock.format.SiteRef;
import dev.airlock.format.StreamPayloads;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The recording side of file capture: performs each operation for real and keeps its outcome when an
 * application thread does it on a file in the {@link FileScope}. An open decides for the descriptor
 * ({@link FileMarks}); reads, writes, sizes and positions follow the mark.
 */
public final class RecordedFiles {

    private final RecordingSink sink;
    private final FileScope scope;

    RecordedFiles(RecordingSink sink, FileScope scope) {
        this.sink = sink;
        this.scope = scope;
    }

    private boolean keeps(String path) {
        RecordingThread t = sink.thread();
        if (!t.capturing()) {
            return false;
        }
        t.agentDepth++;
        try {
            return scope.keeps(path);
        } finally {
            t.agentDepth--;
        }
    }

    void openFile(Object stream, String name, int how, int ref) throws FileNotFoundException {
        if (!keeps(name)) {
            FileAccess.open(stream, name, how);
            return;
        }
        String asked = (char) how + " " + name;
        try {
            FileAccess.open(stream, name, how);
        } catch (FileNotFoundException | RuntimeException e) {
            sink.append(ref, StreamPayloads.failedToStart(asked, e));
            throw e;
        }
        FileAccess.mark(stream);
        sink.append(ref, StreamPayloads.started(asked, 0));
    }

    int openFileChannel(Object path, int flags, int mode, int ref) throws Exception {
        String name = path.toString();
        if (!keeps(name)) {
            return FileNatives.open(path, flags, mode);
        }
        String asked = "c " + name;
        int fd;
        try {
            fd = FileNatives.open(path, flags, mode);
        } catch (Exception | Error e) {
            int errno = FileNatives.errno(e);
            sink.append(ref, errno != 0 ? StreamPayloads.failedToStart(asked, "errno", Integer.toString(errno))
                : StreamPayloads.failedToStart(asked, e));
            throw e;
        }
        FileMarks.mark(fd);
        sink.append(ref, StreamPayloads.started(asked, 0));
        return fd;
    }

    long fileStream(FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref) throws IOException {
        // FileInputStream's natives are rewritten once for stdin and files alike: a file's events are file.read.
        ref = SiteRef.of(SiteRef.site(ref), EventKind.FILE_READ);
        boolean capturing = sink.thread().capturing();
        long result;
        try {
            result = op == 'o' ? (FileNatives.isRegularFile(in, in.getFD()) ? 1 : 0)
                : FileInputNatives.call(in, op, b, off, len, arg);
        } catch (IOException | RuntimeException e) {
            if (capturing) {
                sink.append(ref, StreamPayloads.readFailed(StreamPayloads.FILE, e));
            }
            throw e;
        }
        if (capturing && op == 'r') {
            sink.appendRead(ref, StreamPayloads.FILE, b, off, (int) result);
        } else if (capturing) {
            sink.append(ref, StreamPayloads.readValue(StreamPayloads.FILE, (char) op, result));
        }
        return result;
    }

    long randomAccess(java.io.RandomAccessFile raf, int op, byte[] b, int off, int len, long arg, int ref)
        throws IOException {
        boolean capturing = sink.thread().capturing();
        long result;
        try {
            result = RandomAccessNatives.call(raf, op, b, off, len, arg);
        } catch (IOException | RuntimeException e) {
            if (capturing) {
                sink.append(ref, StreamPayloads.readFailed(StreamPayloads.FILE, e));
            }
            throw e;
        }
        if (capturing) {
            if (op == 'r') {
                sink.appendRead(ref, StreamPayloads.FILE, b, off, (int) result);
            } else if (op == 'w' || op == 'W') {
                sink.append(ref, StreamPayloads.write(StreamPayloads.FILE, len, written(b, off, len, (int) arg)));
            } else {
                sink.append(ref, StreamPayloads.readValue(StreamPayloads.FILE, (char) op, result));
            }
        }
        return result;
    }

    /** CRC-32C of a write: {@code b[off..off+len)}, or the one byte {@code oneByte} when {@code b} is null. */
    public static int written(byte[] b, int off, int len, int oneByte) {
        CRC32C crc = new CRC32C();
        if (b == null) {
            crc.update(oneByte);
        } else {
            crc.update(b, off, len);
        }
        return (int) crc.getValue();
    }

    void fileWrite(FileOutputStream out, byte[] b, int off, int len, int oneByte, boolean append, int ref)
        throws IOException {
        boolean capturing = sink.thread().capturing();
        try {
            FileNatives.write(out, b, off, len, oneByte, append);
        } catch (IOException | RuntimeException e) {
            if (capturing) {
                sink.append(ref, StreamPayloads.readFailed(StreamPayloads.FILE, e));
            }
            throw e;
        }
        if (capturing) {
            sink.append(ref, StreamPayloads.write(StreamPayloads.FILE, len, written(b, off, len, oneByte)));
        }
    }

    long fileChannel(int op, Object nd, FileDescriptor fd, Object buffers, int off, int len, long position,
                     boolean direct, int alignment, int ref) throws IOException {
        if (op == 'm') {
            // Mapped contents cannot be recorded: replay reports the mapping when it gets there.
            return 0;
        }
        if (!sink.thread().capturing()) {
            return FileNatives.channel(op, nd, fd, buffers, off, len, position, direct, alignment);
        }
        BufferRange range = buffers == null ? null : BufferRange.of(buffers, off, len);
        int[] before = range == null ? null : range.positions();
        long result;
        try {
            result = FileNatives.channel(op, nd, fd, buffers, off, len, position, direct, alignment);
        } catch (IOException | RuntimeException e) {
            sink.append(ref, StreamPayloads.readFailed(StreamPayloads.FILE, e));
            throw e;
        }
        if (op == 'r' || op == 'v') {
            if (result >= 0) {
                sink.appendRead(ref, StreamPayloads.FILE, range, before, (int) result);
            } else if (result == -1) {
                sink.append(ref, StreamPayloads.read(StreamPayloads.FILE, null, 0, -1));
            } else {
                sink.append(ref, StreamPayloads.readValue(StreamPayloads.FILE, 'R', result));
            }
        } else if (op == 'w' || op == 'W') {
            CRC32C crc = new CRC32C();
            byte[] bytes = range.moved(before, (int) Math.max(result, 0));
            crc.update(bytes, 0, bytes.length);
            sink.append(ref, StreamPayloads.write(StreamPayloads.FILE, (int) result, (int) crc.getValue()));
        } else {
            sink.append(ref, StreamPayloads.readValue(StreamPayloads.FILE, (char) op, result));
        }
        return result;
    }

    /**
     * How a path operation is named in its event: the path, and for a change what it changes to (a
     * rename's target, a mode, an owner, times), so a replay that changes it otherwise diverges.
     */
    public static String described(int op, Object path, Object attributes, int arg) {
        return switch (op) {
            // a rename carries its target where the attributes go
            case 'n' -> path + " -> " + attributes;
            case 'p' -> path + " mode " + Integer.toOctalString(arg);
            case 'o', 'O' -> path + " owner " + ((int[]) attributes)[0] + ":" + ((int[]) attributes)[1];
            case 't', 'T', 'z' -> path + " times " + ((long[]) attributes)[0] + " " + ((long[]) attributes)[1];
            default -> path.toString();
        };
    }

    /** Like {@link #described} for a change to a {@code java.io.File}. */
    public static String describedChange(int op, File file, Object arg) {
        return switch (op) {
            case 'R' -> file.getPath() + " -> " + ((File) arg).getPath();
            case 'W' -> file.getPath() + " time " + arg;
            case 'P' -> file.getPath() + " permission " + java.util.Arrays.toString((int[]) arg);
            default -> file.getPath();
        };
    }

    long path(int op, Object path, Object attributes, int arg, int ref) throws Exception {
        String name = described(op, path, attributes, arg);
        if (!keeps(path.toString())) {
            return FileNatives.path(op, path, attributes, arg);
        }
        long value;
        try {
            value = FileNatives.path(op, path, attributes, arg);
        } catch (Exception | Error e) {
            int errno = FileNatives.errno(e);
            sink.append(ref, errno != 0 ? FilePayloads.statErrno((char) op, name, errno)
                : FilePayloads.statFailed((char) op, name, e));
            throw e;
        }
        boolean filled = (op == 's' || op == 'l' || op == 'S') && attributes != null && (op != 'S' || value == 0);
        sink.append(ref, FilePayloads.stat((char) op, name, value, filled ? FileNatives.attributes(attributes) : null));
        return value;
    }

    long ioFile(int op, Object fs, File file, int arg, int ref) {
        String name = file.getPath();
        if (!keeps(name)) {
            return FileNatives.ioFile(op, fs, file, arg);
        }
        long value;
        try {
            value = FileNatives.ioFile(op, fs, file, arg);
        } catch (RuntimeException | Error e) {
            sink.append(ref, FilePayloads.statFailed((char) op, name, e));
            throw e;
        }
        sink.append(ref, FilePayloads.stat((char) op, name, value, null));
        return value;
    }

    /** How a path-name question is named in its {@code file.list} event. */
    public static String describedName(int op, Object path) {
        return (op == 'R' ? "realpath " : op == 'l' ? "readlink " : "canonical ") + path;
    }

    String pathText(int op, Object fs, Object path, int ref) throws Exception {
        if (!keeps(path.toString())) {
            return FileNatives.pathText(op, fs, path);
        }
        String name = describedName(op, path);
        String value;
        try {
            value = FileNatives.pathText(op, fs, path);
        } catch (Exception | Error e) {
            int errno = FileNatives.errno(e);
            sink.append(ref, errno != 0 ? FilePayloads.listingFailed(name, "errno", Integer.toString(errno))
                : FilePayloads.listingFailed(name, e));
            throw e;
        }
        sink.append(ref, FilePayloads.listing(name, List.of(value)));
        return value;
    }

    long ioChange(int op, Object fs, File file, Object arg, int ref) throws IOException {
        if (!keeps(file.getPath())) {
            return FileNatives.ioChange(op, fs, file, arg);
        }
        String name = describedChange(op, file, arg);
        long value;
        try {
            value = FileNatives.ioChange(op, fs, file, arg);
        } catch (IOException | RuntimeException | Error e) {
            sink.append(ref, FilePayloads.statFailed((char) op, name, e));
            throw e;
        }
        sink.append(ref, FilePayloads.stat((char) op, name, value, null));
        return value;
    }

    String[] ioList(Object fs, File file, int ref) {
        String name = file.getPath();
        if (!keeps(name)) {
            return FileNatives.ioList(fs, file);
        }
        String[] names;
        try {
            names = FileNatives.ioList(fs, file);
        } catch (RuntimeException | Error e) {
            sink.append(ref, FilePayloads.listingFailed(name, e));
            throw e;
        }
        sink.append(ref, names == null ? FilePayloads.listingNull(name) : FilePayloads.listing(name, List.of(names)));
        return names;
    }

    DirectoryStream<Path> directory(FileSystemProvider provider, Path dir, DirectoryStream.Filter<? super Path> filter,
                                    int ref) throws IOException {
        if (dir.getFileSystem() != FileSystems.getDefault() || !keeps(dir.toString())) {
            return provider.newDirectoryStream(dir, filter);
        }
        RecordingThread t = sink.thread();
        List<String> names = new ArrayList<>();
        // The JDK's own questions while it lists (its access check, the directory's open) are not the
        // program's: replay lists nothing and asks none of them.
        t.agentDepth++;
        try (DirectoryStream<Path> real = provider.newDirectoryStream(dir, p -> true)) {
            for (Path p : real) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            t.agentDepth--;
            sink.append(ref, FilePayloads.listingFailed(dir.toString(), unwrapped(e)));
            throw e;
        }
        t.agentDepth--;
        sink.append(ref, FilePayloads.listing(dir.toString(), names));
        return new ListedDirectory(dir, names, filter);
    }

    private static Throwable unwrapped(Exception e) {
        return e instanceof java.nio.file.DirectoryIteratorException d ? d.getCause() : e;
    }
}
