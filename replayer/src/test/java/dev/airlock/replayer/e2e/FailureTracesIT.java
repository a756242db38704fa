package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A program that prints the stack trace of failed I/O (a missing file, a connection refused on
 * 127.0.0.1) prints the trace a run without Airlock prints, recorded and replayed, in every thread mode:
 * no Airlock frames, and in replay the JDK's own frames above the call that failed, as recorded.
 */
class FailureTracesIT {

    private static final String MAIN = "dev.airlock.examples.PrintsFailures";

    @TempDir
    Path tmp;

    /** The output without its last line, the clock, which differs from run to run. */
    private static String traces(Proc p) {
        String out = p.out();
        int last = out.lastIndexOf("clock ");
        assertTrue(last > 0, p.toString());
        return out.substring(0, last);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void traces_of_failed_io_print_as_without_airlock(Airlock.Jdk jdk) {
        Proc first = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN);
        Proc second = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN);
        assertNotEquals(first.out(), second.out(), "plain runs must differ, or the replays prove nothing");
        String plain = traces(first);
        assertTrue(plain.contains("(Native Method)") && plain.contains("Connection refused")
            && plain.contains("missing.txt"), plain);

        for (String mode : new String[] {"serial", "ordered", "free"}) {
            Path journal = tmp.resolve(mode);
            Proc recorded = Airlock.recordThreads(jdk, journal, MAIN, mode);
            assertEquals(0, recorded.exitCode, mode + ": " + recorded);
            assertEquals(plain, traces(recorded), mode + ": the recorded program printed other traces");
            if (mode.equals("serial")) {
                Path report = tmp.resolve(mode + ".json");
                Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
            } else {
                Airlock.assertReplaysByAgent(jdk, journal, java.util.List.of(tmp.resolve(mode + ".properties")), MAIN,
                    recorded);
            }
        }
    }
}
