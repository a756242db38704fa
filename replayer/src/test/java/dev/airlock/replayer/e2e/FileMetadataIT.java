package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Changes to file metadata (permissions, owner, times, read-only, a created lock file and its rename)
 * replay without being made, and names resolved through the file system (real path, link target,
 * canonical path) replay without it: replayed once with the folder gone, and once over a folder whose file has
 * another mode and time, which the replay leaves exactly as it was, creating no lock file.
 */
class FileMetadataIT {

    private static final String MAIN = "dev.airlock.examples.ChangesFileMetadata";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void metadata_changes_replay_and_change_nothing(Airlock.Jdk jdk) throws Exception {
        Path dir = tmp.resolve("work");
        fresh(dir);
        Proc plain1 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, dir.toString());
        fresh(dir);
        Proc plain2 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, dir.toString());
        assertEquals(0, plain1.exitCode, plain1.toString());
        assertNotEquals(plain1.out(), plain2.out(), "plain runs set other times");

        fresh(dir);
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, MAIN, dir.toString());
        assertEquals(0, recorded.exitCode, recorded.toString());
        for (String line : List.of("mode: rw-------", "owner kept: true", "setReadOnly: true, canWrite: ",
            "createNewFile: true, again: false", "renameTo: true, lock exists false, moved exists true",
            "createNewFile in a missing folder: IOException",
            "real path: state.txt, link: state.txt, canonical: state.txt")) {
            assertTrue(recorded.out().contains(line), recorded.out());
        }

        deleteAll(dir);
        Path report = tmp.resolve("gone.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
        assertFalse(Files.exists(dir), "the replay made nothing");

        fresh(dir);
        Path state = dir.resolve("state.txt");
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-r-----"));
        FileTime before = FileTime.fromMillis(1_234_567_000L);
        Files.setLastModifiedTime(state, before);
        report = tmp.resolve("present.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)),
            "the replay changed no permission");
        assertEquals(before, Files.getLastModifiedTime(state), "the replay changed no time");
        assertFalse(Files.exists(dir.resolve("run.lock")) || Files.exists(dir.resolve("run.lock.old")),
            "the replay created no lock file");

        Proc stats = Airlock.cli(null, "events", journal.toString(), "--kind", "file.stat");
        assertTrue(stats.out().contains("chmod " + state + " mode 600"), stats.out());
        assertTrue(stats.out().contains("create-new " + dir.resolve("run.lock")), stats.out());
        Proc names = Airlock.cli(null, "events", journal.toString(), "--kind", "file.list");
        assertTrue(names.out().contains("realpath " + dir.resolve("./current")), names.out());
    }

    private static void fresh(Path dir) throws Exception {
        deleteAll(dir);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("state.txt"), "state");
        Files.createSymbolicLink(dir.resolve("current"), Path.of("state.txt"));
    }

    private static void deleteAll(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                p.toFile().setWritable(true);
                Files.delete(p);
            }
        }
    }
}
