package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other threads' stacks ({@code Thread.getStackTrace}, {@code Thread.getAllStackTraces}) are where those
 * threads happened to be: recorded, with no Airlock frames, and given back on replay in both thread modes
 * that order threads ({@code ThreadDumps}).
 */
class ThreadStacksIT {

    private static final String MAIN = "dev.airlock.examples.races.ThreadDumps";

    @TempDir
    Path tmp;

    @Test
    void where_other_threads_were_replays_as_recorded() {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Set<String> plain = Airlock.plainOutputs(jdk, MAIN, 30);
        assertEquals(2, plain.size(), "one output in 30 plain runs: " + plain);

        Path serial = tmp.resolve("serial");
        Proc recorded = Airlock.recordThreads(jdk, serial, MAIN, "serial");
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertFalse(recorded.out().contains("dev.airlock.recorder") || recorded.out().contains("dev.airlock.bridge"),
            "no Airlock frames: " + recorded.out());
        assertTrue(recorded.out().contains("depths [busy="), recorded.out());
        Path report = tmp.resolve("serial.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, serial, report), report);

        Path ordered = tmp.resolve("ordered");
        Proc orderedRun = Airlock.recordThreads(jdk, ordered, MAIN, "ordered");
        assertEquals(0, orderedRun.exitCode, orderedRun.toString());
        Airlock.assertReplaysByAgent(jdk, ordered, java.util.List.of(tmp.resolve("ordered.properties")), MAIN, orderedRun);
    }
}
