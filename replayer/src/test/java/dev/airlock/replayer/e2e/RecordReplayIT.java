package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The main promise: a program whose plain runs differ, recorded once, replays to the same output every
 * time, on Java 17 and 25.
 */
class RecordReplayIT {

    @TempDir
    Path tmp;

    static Stream<Arguments> programs() {
        return Airlock.jdks().flatMap(jdk -> Stream.of(
            Arguments.of(jdk, "dev.airlock.examples.ClockAndDice", new String[] {"3"}, 5),
            Arguments.of(jdk, "dev.airlock.examples.EverySource", new String[0], 5),
            Arguments.of(jdk, "dev.airlock.examples.KryoUser", new String[0], 2)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("programs")
    void plain_runs_differ_and_every_replay_of_one_recording_matches(Airlock.Jdk jdk, String main, String[] args,
                                                                     int replays) {
        Proc first = Airlock.plain(jdk, Airlock.EXAMPLES_CP, main, args);
        Proc second = Airlock.plain(jdk, Airlock.EXAMPLES_CP, main, args);
        assertEquals(0, first.exitCode, first.toString());
        assertNotEquals(first.out(), second.out(), "plain runs must differ, or this test proves nothing");

        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, main, args);
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertEquals("", recorded.err(), "the recorder must print nothing on the application's stderr");

        for (int i = 0; i < replays; i++) {
            Path report = tmp.resolve("report-" + i + ".json");
            Proc replayed = Airlock.replay(jdk, journal, report);
            Airlock.assertMatched(recorded, replayed, report);
        }
    }

    /**
     * The other thread modes start and replay a program's inputs too (serial, the default, is above):
     * {@code free} once failed at start-up (a class the agent loaded lazily was looked up on the class path
     * inside a captured {@code File.exists}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void every_thread_mode_records_and_replays(Airlock.Jdk jdk) {
        for (String mode : new String[] {"free", "ordered"}) {
            Path journal = tmp.resolve("journal-" + mode);
            Proc recorded = Airlock.recordThreads(jdk, journal, "dev.airlock.examples.EverySource", mode);
            assertEquals(0, recorded.exitCode, mode + ": " + recorded);
            assertEquals("", recorded.err(), mode + ": the recorder must print nothing on the application's stderr");
            Path report = tmp.resolve("report-" + mode + ".json");
            Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
        }
    }

    static Stream<Arguments> exits() {
        return Airlock.jdks().flatMap(jdk -> Stream.of(
            Arguments.of(jdk, "dev.airlock.examples.ExitWithCode", 3),
            Arguments.of(jdk, "dev.airlock.examples.ThrowsInMain", 1)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("exits")
    void the_replay_ends_with_the_recorded_exit_code(Airlock.Jdk jdk, String main, int code) {
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, main);
        assertEquals(code, recorded.exitCode, recorded.toString());
        Path report = tmp.resolve("report.json");
        Proc replayed = Airlock.replay(jdk, journal, report);
        Airlock.assertMatched(recorded, replayed, report);
        assertTrue(Airlock.read(report).contains("\"recorded_exit_code\": " + code), Airlock.read(report));
    }

    /**
     * {@code -cp "...:"}: the class loader looks in the working directory for classes it finds nowhere else,
     * the replay agent's own among them, loaded on the program's threads at other times than the
     * recorder's. Those lookups are not the program's file questions: a replay by the agent with the
     * same class path matches (it stopped at a {@code File.exists} the recording did not have).
     */
    @org.junit.jupiter.api.Test
    void an_empty_class_path_entry_is_not_the_programs_input() {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        String cp = Airlock.EXAMPLES_CP + java.io.File.pathSeparator;
        Proc recorded = Airlock.record(jdk, journal, cp, "dev.airlock.examples.ThrowsInMain");
        assertEquals(1, recorded.exitCode, recorded.toString());
        Path result = tmp.resolve("result.properties");
        Proc replayed = Airlock.replayByAgent(jdk, journal, result, cp, "dev.airlock.examples.ThrowsInMain");
        assertTrue(Airlock.read(result).contains("status=completed"), Airlock.read(result));
        assertEquals(recorded.out(), replayed.out());
        assertEquals(recorded.err(), replayed.err());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void clock_reads_after_jit_compilation_are_still_captured(Airlock.Jdk jdk) {
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.LongRunner", "300000");
        assertEquals(0, recorded.exitCode, recorded.toString());
        Path report = tmp.resolve("report.json");
        Proc replayed = Airlock.replay(jdk, journal, report);
        Airlock.assertMatched(recorded, replayed, report);
        assertTrue(Airlock.read(report).matches("(?s).*\"events_replayed\": ([3-9]\\d{5}|\\d{7,}).*"), Airlock.read(report));
    }
}
