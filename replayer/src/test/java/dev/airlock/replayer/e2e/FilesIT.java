package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files: a program reads a config file six ways ({@code FileInputStream}, {@code Files.readString},
 * {@code readAllLines}, {@code lines}, {@code newBufferedReader}, {@code Scanner}), reads a channel at
 * a position and through {@code RandomAccessFile}, lists a directory ({@code Files.list}, {@code walk},
 * {@code File.list}), asks for metadata ({@code File} and {@code Files}), fails to open a missing file
 * both ways, writes a report, and moves and copies files ({@code Files.move}, {@code Files.copy}). Plain
 * runs differ with the folder's contents; the recording replays three times with the folder deleted, and
 * the replays write nothing: the folder is not there after them. With {@code --sandbox} the report the
 * program wrote appears under the sandbox, with the recorded content.
 */
class FilesIT {

    private static final String MAIN = "dev.airlock.examples.ReadsFiles";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void file_input_replays_with_the_files_gone(Airlock.Jdk jdk) throws Exception {
        Path data = tmp.resolve("data");
        Random random = new Random();
        fill(data, random);
        Proc plain1 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, data.toString());
        delete(data);
        fill(data, random);
        Proc plain2 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, data.toString());
        assertEquals(0, plain1.exitCode, plain1.toString());
        assertNotEquals(plain1.out(), plain2.out(), "plain runs differ with the files");

        delete(data);
        fill(data, random);
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, MAIN, data.toString());
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().contains("missing (Files): NoSuchFileException true"), recorded.out());
        assertTrue(recorded.out().contains("missing (FileInputStream): FileNotFoundException"), recorded.out());
        assertTrue(recorded.out().contains("report written: [greeting="), recorded.out());
        assertTrue(recorded.out().contains("data.bin (RandomAccessFile): length "), recorded.out());
        assertTrue(recorded.out().contains("moved and copied: draft of greeting="), recorded.out());
        assertTrue(recorded.out().contains("draft gone true"), recorded.out());

        String written = Files.readString(data.resolve("report.txt"));
        delete(data);
        // the copy sets the target's mode through its descriptor: replay's stand-in is /dev/null
        Object devNull = Files.getPosixFilePermissions(Path.of("/dev/null"));
        for (int i = 0; i < 3; i++) {
            Path report = tmp.resolve("report" + i + ".json");
            Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
            assertFalse(Files.exists(data), "the replay wrote no file: " + data + " is not there");
            assertEquals(devNull, Files.getPosixFilePermissions(Path.of("/dev/null")), "/dev/null is left alone");
        }

        // --sandbox: the same replay, with what the program wrote kept under the sandbox
        Path sandbox = tmp.resolve("sandbox");
        Path sandboxReport = tmp.resolve("sandbox.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, sandboxReport, "--sandbox", sandbox.toString()),
            sandboxReport);
        assertEquals(written, Files.readString(sandbox.resolve(data.toString().substring(1)).resolve("report.txt")));
        assertFalse(Files.exists(data), "the sandbox replay wrote nothing outside the sandbox");

        Proc opens = Airlock.cli(null, "events", journal.toString(), "--kind", "file.open");
        assertTrue(opens.out().contains("missing.txt failed: errno"), opens.out());
        assertTrue(opens.out().contains("missing.txt failed: java.io.FileNotFoundException"), opens.out());
        Proc lists = Airlock.cli(null, "events", journal.toString(), "--kind", "file.list");
        assertTrue(lists.out().contains("inbox "), lists.out());
        Proc writes = Airlock.cli(null, "events", journal.toString(), "--kind", "file.write");
        assertTrue(writes.out().contains("file.write"), writes.out());
    }

    /** A config with a random greeting, random binary data, and a random number of inbox entries. */
    private static void fill(Path data, Random random) throws IOException {
        Files.createDirectories(data.resolve("inbox"));
        Files.writeString(data.resolve("app.properties"), "greeting=hello-" + random.nextInt(1_000_000) + "\nlimit="
            + random.nextInt(100) + "\n");
        byte[] bytes = new byte[64 + random.nextInt(64)];
        random.nextBytes(bytes);
        Files.write(data.resolve("data.bin"), bytes);
        int entries = 1 + random.nextInt(5);
        for (int i = 0; i < entries; i++) {
            Files.writeString(data.resolve("inbox").resolve("msg-" + random.nextInt(10_000) + ".txt"), "m" + i);
        }
        Files.writeString(data.resolve("locked.txt"), "secret");
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
