package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code System.in}: what the program read is in the journal, and a replay needs no input at all. */
class StdinIT {

    private static final String MAIN = "dev.airlock.examples.ReadsStdin";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void stdin_replays_from_the_journal(Airlock.Jdk jdk) throws Exception {
        Path input = tmp.resolve("input.txt");
        Files.writeString(input, "first\nsecond line\n\u00e9t\u00e9\nlast without newline");
        String plain1 = run(jdk, null, input);
        String plain2 = run(jdk, null, input);
        assertNotEquals(plain1, plain2, "plain runs differ (the random numbers)");

        Path journal = tmp.resolve("journal");
        String recorded = run(jdk, journal, input);
        assertTrue(recorded.contains("line 3: \u00e9t\u00e9 (lucky "), recorded);
        assertTrue(recorded.contains("read 4 lines, 0 bytes left"), recorded);
        Files.delete(input);
        for (int i = 0; i < 3; i++) {
            Path report = tmp.resolve("report" + i + ".json");
            Proc replayed = Airlock.replay(jdk, journal, report);
            assertEquals(0, replayed.exitCode, replayed.toString());
            assertEquals(recorded, replayed.out(), "replay " + i);
            assertTrue(Airlock.read(report).contains("\"matched\": true"), Airlock.read(report));
        }
    }

    /** The example with {@code input} on its stdin, recording into {@code journal} unless it is null. */
    private static String run(Airlock.Jdk jdk, Path journal, Path input) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(jdk.java()));
        cmd.addAll(jdk.baseFlags());
        if (journal != null) {
            cmd.add("-javaagent:" + Airlock.RECORDER + "=journal=" + journal);
        }
        cmd.addAll(List.of("-cp", Airlock.EXAMPLES_CP, MAIN));
        Process p = new ProcessBuilder(cmd).redirectInput(input.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
