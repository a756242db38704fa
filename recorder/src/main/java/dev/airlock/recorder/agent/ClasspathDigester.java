package dev.airlock.recorder.agent;

import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Hashes every classpath entry (a jar's bytes, or a class folder's {@code .class} files with their
 * relative names, in name order) on a background thread, so start-up does not wait, and writes the
 * digests as a NOTE document. Replay recomputes them to refuse code that changed.
 */
public final class ClasspathDigester implements Runnable {

    private final String classPath;
    private final JournalWriter journal;

    /** Where {@code bundle=true} copies the entries to ({@code bundle/N-NAME} under the journal), or null. */
    private final Path bundleInto;

    ClasspathDigester(String classPath, JournalWriter journal, Path bundleInto) {
        this.classPath = classPath;
        this.journal = journal;
        this.bundleInto = bundleInto;
    }

    @Override
    public void run() {
        Fields note = new Fields();
        String[] entries = classPath == null || classPath.isEmpty() ? new String[0] : classPath.split(File.pathSeparator);
        for (int i = 0; i < entries.length; i++) {
            Path p = Paths.get(entries[i]).toAbsolutePath().normalize();
            String prefix = HeaderKeys.CLASSPATH_ENTRY + i + ".";
            note.put(prefix + "path", p);
            try {
                long[] size = new long[1];
                String sha = digest(p, size);
                note.put(prefix + "sha256", sha);
                note.put(prefix + "bytes", size[0]);
                if (bundleInto != null) {
                    Path copy = bundleInto.resolve("bundle").resolve(i + "-" + p.getFileName());
                    copy(p, copy);
                    // The copy is what replay will run: it must be the code that was digested.
                    note.put(prefix + "bundled", digest(copy, new long[1]).equals(sha) ? "bundle/" + copy.getFileName()
                        : "changed while copied");
                }
            } catch (IOException e) {
                note.put(prefix + "error", e.getMessage());
            }
        }
        journal.writeNote(note);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        if (!Files.isDirectory(from)) {
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path f : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The digest of one classpath entry; {@code size[0]} receives the bytes hashed. */
    public static String digest(Path p, long[] size) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(p)) {
            try (Stream<Path> walk = Files.walk(p)) {
                // Only code: a class folder often holds the program's other files too, which may change.
                files.addAll(walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".class")).sorted()
                    .collect(Collectors.toList()));
            }
        } else if (Files.isRegularFile(p)) {
            files.add(p);
        } else {
            throw new IOException("missing");
        }
        byte[] buf = new byte[64 * 1024];
        for (Path f : files) {
            if (Files.isDirectory(p)) {
                sha.update(p.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                    size[0] += n;
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : sha.digest()) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }
}
