package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Carrying a recording across: {@code airlock pack} makes one archive of the journal and the
 * application's classpath; moved to a new folder, with the original classpath and journal deleted, it
 * replays ({@code matched: true}). A class changed inside the archive is refused, naming it. The agent
 * option {@code bundle=true} does the copying at record time instead.
 */
class PackIT {

    private static final String MAIN = "dev.airlock.examples.ClockAndDice";

    @TempDir
    Path tmp;

    @Test
    void a_packed_recording_replays_where_its_classpath_never_was() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Path jar = app.resolve("shop.jar");
        Files.copy(Airlock.EXAMPLES, jar);
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, jar.toString(), MAIN);
        assertEquals(0, recorded.exitCode, recorded.toString());
        Airlock.cli(null, "inspect", journal.toString());

        Path archive = tmp.resolve("out/run1.zip");
        Files.createDirectories(archive.getParent());
        Proc pack = Airlock.cli(null, "pack", journal.toString(), "-o", archive.toString());
        assertEquals(0, pack.exitCode, pack.toString());
        assertTrue(Files.readString(journal.resolve("audit.log")).contains("\"pack\""), "pack is audited");

        Path moved = Files.createDirectories(tmp.resolve("workstation")).resolve("run1.zip");
        Files.move(archive, moved);
        delete(app);
        delete(journal);
        for (int i = 0; i < 2; i++) {
            Path report = tmp.resolve("report" + i + ".json");
            Airlock.assertMatched(recorded, Airlock.replay(jdk, moved, report), report);
        }

        Path tampered = moved.resolveSibling("tampered.zip");
        rewrite(moved, tampered, "bundle/0-shop.jar");
        Proc refused = Airlock.replay(jdk, tampered, tmp.resolve("refused.json"));
        assertEquals(75, refused.exitCode, refused.toString());
        assertTrue(refused.err().contains(jar + ": missing here, and its bundled copy bundle/0-shop.jar differs"),
            refused.err());
    }

    @Test
    void bundle_true_copies_the_classpath_at_record_time() throws Exception {
        Path app = Files.createDirectories(tmp.resolve("app"));
        Path jar = app.resolve("shop.jar");
        Files.copy(Airlock.EXAMPLES, jar);
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        List<String> cmd = List.of(jdk.java(), "-javaagent:" + Airlock.RECORDER + "=journal=" + journal + ",bundle=true",
            "-cp", jar.toString(), MAIN);
        Proc recorded = Proc.run(cmd, null, null);
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(Files.isRegularFile(journal.resolve("bundle/0-shop.jar")));
        delete(app);
        Path report = tmp.resolve("report.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
    }

    /** Copies the archive, changing one class inside the bundled jar {@code name}. */
    private static void rewrite(Path from, Path to, String name) throws Exception {
        Path inner = to.resolveSibling("inner.jar");
        try (ZipFile zip = new ZipFile(from.toFile())) {
            try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                Files.copy(in, inner);
            }
            Path changedJar = to.resolveSibling("changed.jar");
            try (ZipFile jar = new ZipFile(inner.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(changedJar))) {
                for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    byte[] bytes;
                    try (InputStream data = jar.getInputStream(entry)) {
                        bytes = data.readAllBytes();
                    }
                    if (entry.getName().endsWith("ClockAndDice.class")) {
                        bytes[bytes.length - 1] ^= 1;
                    }
                    out.write(bytes);
                    out.closeEntry();
                }
            }
            try (OutputStream file = Files.newOutputStream(to); ZipOutputStream out = new ZipOutputStream(file)) {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                    ZipEntry entry = e.nextElement();
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    if (entry.getName().equals(name)) {
                        Files.copy(changedJar, out);
                    } else {
                        try (InputStream data = zip.getInputStream(entry)) {
                            data.transferTo(out);
                        }
                    }
                    out.closeEntry();
                }
            }
        }
    }

    private static void delete(Path root) throws Exception {
        try (var all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
