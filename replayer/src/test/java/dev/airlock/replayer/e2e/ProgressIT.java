package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long replay shows its progress on a terminal (run here under {@code script}, which gives it a
 * pseudo-terminal) and prints nothing of it when its output goes to a file or a pipe.
 */
class ProgressIT {

    @TempDir
    Path tmp;

    @Test
    void progress_shows_on_a_terminal_only() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is needed for a terminal");
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.LongRunner", "600000", "100000");
        assertEquals(0, recorded.exitCode, recorded.toString());

        Proc piped = Airlock.replay(jdk, journal, tmp.resolve("report.json"));
        assertEquals(0, piped.exitCode, piped.toString());
        assertFalse(piped.err().contains("replayed ") && piped.err().contains(" events ("), piped.err());

        String command = Path.of(System.getProperty("java.home"), "bin", "java") + " -jar " + Airlock.CLI + " replay "
            + journal + " --java " + jdk.java();
        Proc terminal = Proc.run(List.of("/usr/bin/script", "-qefc", command, "/dev/null"), null, null);
        assertEquals(0, terminal.exitCode, terminal.toString());
        assertTrue(terminal.out().matches("(?s).*\\rairlock: replayed \\d+ of \\d+ events \\(\\d+/s, about (\\d+|\\?) s left\\).*"),
            terminal.out());
        assertTrue(terminal.out().contains("replay matched"), terminal.out());
    }
}
