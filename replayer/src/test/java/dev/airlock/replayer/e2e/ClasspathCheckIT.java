package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay runs the recorded code or says why not: a jar that changed after the recording, or one that
 * is gone, is named and the replay refused (exit 75) before anything runs, unless
 * {@code --allow-classpath-changes} is given.
 */
class ClasspathCheckIT {

    @TempDir
    Path tmp;

    @Test
    void a_changed_or_missing_jar_is_named_and_refused() throws Exception {
        Path jar = tmp.resolve("app.jar");
        Files.copy(Airlock.EXAMPLES, jar);
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, jar.toString(), "dev.airlock.examples.ClockAndDice");
        assertEquals(0, recorded.exitCode, recorded.toString());
        awaitClasspathNote(journal);

        withExtraEntry(jar);
        Path report = tmp.resolve("report.json");
        Proc refused = Airlock.replay(jdk, journal, report);
        assertEquals(75, refused.exitCode, refused.toString());
        String err = refused.err().strip();
        assertTrue(err.startsWith("airlock: the code differs from the recording: " + jar + ": changed"), err);
        assertTrue(err.contains("--allow-classpath-changes") && !err.contains("\n"), err);

        Proc forced = Airlock.replay(jdk, journal, report, "--allow-classpath-changes");
        assertTrue(forced.err().contains("warning: classpath entry " + jar + ": changed"), forced.err());
        Airlock.assertMatched(recorded, forced, report);

        Files.delete(jar);
        Proc missing = Airlock.replay(jdk, journal, report);
        assertEquals(75, missing.exitCode, missing.toString());
        assertTrue(missing.err().contains(jar + ": missing"), missing.err());
    }

    /** The recorder digests the classpath on a thread of its own; the note is in the journal by the end. */
    private static void awaitClasspathNote(Path journal) {
        Proc inspect = Airlock.cli(null, "inspect", journal.toString());
        assertTrue(inspect.out().contains("classpath entries:"), inspect.out());
    }

    /** Rewrites the jar with one more entry: the same classes, other bytes. */
    private static void withExtraEntry(Path jar) throws Exception {
        Path copy = jar.resolveSibling("rewritten.jar");
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream file = Files.newOutputStream(copy);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("patched.txt"));
            out.write("a change after the recording".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        Files.move(copy, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
