package dev.airlock.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A journal's audit trail: {@code DIR/audit.log}, append-only JSON lines ({@link AuditEntry}), each
 * chained to the one before by digest, so an entry altered, removed, inserted or moved is found by
 * {@link #check}. The recorder appends {@code recording.*} entries; the CLI one per command run against
 * the journal. The file is created 0600 where the file system has POSIX permissions.
 *
 * <p>Appends are serialised within a JVM by a lock object and across processes by a {@link FileLock}
 * on the file, held while the last line is read and the new one written. The chain cannot show that
 * the newest entries were cut off the end; the journal's own SEAL is what proves a recording whole.
 */
public final class AuditTrail {

    public static final String FILE = "audit.log";

    private static final Object JVM_LOCK = new Object();
    private static final int TAIL_CHUNK = 4096;
    private static final Set<StandardOpenOption> APPEND_OPTIONS =
        EnumSet.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);

    /** What {@link #check} found: the entries that parsed, and the first bad one if any. */
    public record Check(List<AuditEntry> entries, long badEntry, String problem) {

        public boolean intact() {
            return problem == null;
        }

        /** {@code intact (N entries)} or {@code tampered: entry K ...}. */
        public String line() {
            return intact() ? "intact (" + entries.size() + (entries.size() == 1 ? " entry)" : " entries)")
                : "tampered: " + problem;
        }
    }

    private AuditTrail() {
    }

    public static Path file(Path journalDir) {
        return journalDir.resolve(FILE);
    }

    /**
     * Appends one entry for {@code event} with {@code details} (may be null) to the trail of the journal
     * in {@code journalDir}, which must exist; the file is created on first use. Thread-safe and safe
     * across processes. Returns the entry written.
     */
    public static AuditEntry append(Path journalDir, String event, Fields details) throws IOException {
        if (!Files.isDirectory(journalDir)) {
            throw new NoSuchFileException(journalDir.toString(), null, "no such journal directory");
        }
        Path file = file(journalDir);
        synchronized (JVM_LOCK) {
            try (FileChannel ch = open(file); FileLock lock = ch.lock()) {
                byte[] tail = lastLine(ch);
                long seq = 1;
                String prev = AuditEntry.ZERO_DIGEST;
                if (tail != null) {
                    AuditEntry last = parseOrNull(new String(tail, StandardCharsets.UTF_8));
                    if (last != null && last.seq() > 0 && last.digest() != null) {
                        seq = last.seq() + 1;
                        prev = last.digest();
                    } else {
                        // A damaged last line: chain to its bytes, numbered after every line so far.
                        seq = countLines(ch) + 1;
                        prev = AuditEntry.sha256(new String(tail, StandardCharsets.UTF_8));
                    }
                }
                AuditEntry entry = AuditEntry.create(seq, Instant.now().toString(), System.getProperty("user.name", "?"),
                    host(), ProcessHandle.current().pid(), event, details, prev);
                boolean needsBreak = ch.size() > 0 && lastByte(ch) != '\n';
                byte[] bytes = ((needsBreak ? "\n" : "") + entry.line() + "\n").getBytes(StandardCharsets.UTF_8);
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                long at = ch.size();
                while (buf.hasRemaining()) {
                    at += ch.write(buf, at);
                }
                ch.force(false);
                return entry;
            }
        }
    }

    /**
     * Reads and verifies the trail of the journal in {@code journalDir}: a {@link NoSuchFileException}
     * when there is none. Entries must number 1, 2, 3, ..., each digest must match its entry's content,
     * and each {@code prev} the digest before it.
     */
    public static Check check(Path journalDir) throws IOException {
        // Decoded leniently: bytes that are not UTF-8 become U+FFFD, and their entry fails its digest.
        String text = new String(Files.readAllBytes(file(journalDir)), StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        List<AuditEntry> entries = new ArrayList<>();
        String prev = AuditEntry.ZERO_DIGEST;
        String problem = null;
        long bad = -1;
        for (int i = 0; i < lines.size(); i++) {
            long expected = i + 1;
            AuditEntry e = parseOrNull(lines.get(i));
            if (e == null || !e.wellFormed()) {
                if (problem == null) {
                    bad = expected;
                    problem = "entry " + expected + " (line " + expected + ") cannot be read as an audit entry";
                }
                continue;
            }
            entries.add(e);
            if (problem != null) {
                continue;
            }
            if (!e.computedDigest().equals(e.digest())) {
                bad = e.seq();
                problem = "entry " + e.seq() + " was altered: its digest does not match its content";
            } else if (!prev.equals(e.prev())) {
                bad = e.seq();
                problem = "entry " + e.seq() + " does not follow entry " + (expected - 1)
                    + ": an entry was removed, inserted or moved";
            } else if (e.seq() != expected) {
                bad = e.seq();
                problem = "entry " + e.seq() + " is on line " + expected + ": an entry was removed, inserted or moved";
            }
            prev = e.digest();
        }
        return new Check(entries, bad, problem);
    }

    private static AuditEntry parseOrNull(String line) {
        try {
            return AuditEntry.parse(line);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static FileChannel open(Path file) throws IOException {
        if (!Files.exists(file)) {
            try {
                FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
                return FileChannel.open(file, APPEND_OPTIONS, ownerOnly);
            } catch (UnsupportedOperationException notPosix) {
                // fall through: created with the file system's defaults
            }
        }
        return FileChannel.open(file, APPEND_OPTIONS);
    }

    /** The last non-empty line's bytes (without its break), or null for an empty file. */
    private static byte[] lastLine(FileChannel ch) throws IOException {
        long end = ch.size();
        while (end > 0 && byteAt(ch, end - 1) == '\n') {
            end--;
        }
        if (end == 0) {
            return null;
        }
        long start = end;
        ByteBuffer buf = ByteBuffer.allocate(TAIL_CHUNK);
        search:
        while (start > 0) {
            long from = Math.max(0, start - TAIL_CHUNK);
            buf.clear().limit((int) (start - from));
            readFully(ch, buf, from);
            for (int i = buf.limit() - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    start = from + i + 1;
                    break search;
                }
            }
            start = from;
        }
        ByteBuffer line = ByteBuffer.allocate((int) Math.min(end - start, Integer.MAX_VALUE - 8));
        readFully(ch, line, start);
        return line.array();
    }

    private static long countLines(FileChannel ch) throws IOException {
        long lines = 0;
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long size = ch.size();
        byte last = '\n';
        for (long at = 0; at < size; at += buf.limit()) {
            buf.clear().limit((int) Math.min(buf.capacity(), size - at));
            readFully(ch, buf, at);
            for (int i = 0; i < buf.limit(); i++) {
                if (buf.get(i) == '\n') {
                    lines++;
                }
            }
            last = buf.get(buf.limit() - 1);
        }
        return last == '\n' ? lines : lines + 1;
    }

    private static byte lastByte(FileChannel ch) throws IOException {
        return byteAt(ch, ch.size() - 1);
    }

    private static byte byteAt(FileChannel ch, long at) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        readFully(ch, one, at);
        return one.get(0);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        long pos = at;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("the audit trail shrank while it was read");
            }
            pos += n;
        }
    }

    /** This machine's name from {@code /etc/hostname} or {@code HOSTNAME}; never a DNS lookup. */
    static String host() {
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String name = Files.readString(etc, StandardCharsets.UTF_8).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // fall back to the environment
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "unknown" : env.strip();
    }
}
