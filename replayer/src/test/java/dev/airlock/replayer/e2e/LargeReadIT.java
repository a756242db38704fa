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
 * file deleted.
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
}
