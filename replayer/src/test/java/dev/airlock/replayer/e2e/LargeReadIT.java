package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big read is stored as what it read and little more: a 16 MiB file of random bytes, read whole,
 * makes a journal of about 16 MiB (the writer's own count of the bytes it wrote), and replays with the
 * file deleted. A read bigger than a journal document (64 MiB) and than the recorder's buffer (32 MiB)
 * is kept as parts and replays as the one read it was.
 */
class LargeReadIT {

    private static final int SIZE = 16 << 20;

    @TempDir
    Path tmp;

    @Test
    void a_16_mib_read_takes_about_16_mib_of_journal() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        byte[] content = new byte[SIZE];
        new Random().nextBytes(content);
        Path file = Files.write(tmp.resolve("big.bin"), content);
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.ReadsBigFile",
            file.toString());
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().startsWith(SIZE + " bytes"), recorded.out());

        Matcher sealed = Pattern.compile("recording sealed: \\d+ events, (\\d+) bytes")
            .matcher(Files.readString(journal.resolve("airlock.log")));
        assertTrue(sealed.find(), "the agent log names the journal's bytes");
        long bytes = Long.parseLong(sealed.group(1));
        assertTrue(bytes >= SIZE && bytes < SIZE + SIZE / 50 + 256 * 1024,
            "journal of " + bytes + " bytes for a " + SIZE + "-byte read");

        Files.delete(file);
        Path report = tmp.resolve("report.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
    }

    @Test
    void reads_of_80_mib_in_one_call_are_kept_in_parts_and_replay_whole() throws Exception {
        int size = 80 << 20;
        Airlock.Jdk jdk = Airlock.defaultJdk();
        byte[] content = new byte[size];
        new Random().nextBytes(content);
        Path file = Files.write(tmp.resolve("bigger.bin"), content);
        content = null;
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.ReadsBigFile",
            file.toString(), "all");
        assertEquals(0, recorded.exitCode, recorded.toString());
        String[] lines = recorded.out().split("\n");
        assertEquals(3, lines.length, recorded.out());
        assertTrue(lines[1].startsWith("RandomAccessFile.read: " + size + " bytes"), recorded.out());
        assertTrue(lines[2].startsWith("FileChannel.read: " + size + " bytes"), recorded.out());

        String log = Files.readString(journal.resolve("airlock.log"));
        Matcher sealed = Pattern.compile("recording sealed: \\d+ events, (\\d+) bytes").matcher(log);
        assertTrue(sealed.find(), log);
        long bytes = Long.parseLong(sealed.group(1));
        assertTrue(bytes >= 3L * size && bytes < 3L * size + 3L * size / 50 + 256 * 1024,
            "journal of " + bytes + " bytes for three " + size + "-byte reads");
        assertTrue(!log.contains("stopped"), log);

        Files.delete(file);
        Path report = tmp.resolve("report.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
    }
}
