package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code threads=serial} on the corpus of racy programs (examples {@code races}): each program gives
 * at least two different outputs when run plainly (up to 30 runs); recorded once, it replays ten times
 * with the recorded output, bugs included (lost updates, a wrong bank total, a deadlock the watchdog
 * reports), and every replay reports {@code matched: true}.
 */
class SerialThreadsIT {

    private static final String PACKAGE = "dev.airlock.examples.races.";

    static Stream<String> corpus() {
        return Stream.of("RacyCounter", "CheckThenAct", "BankTransfers", "QueueConsumers", "ExecutorIds",
            "MapWhileWritten", "ParallelSideEffects", "FutureChain", "PingPong", "LockOrder", "IdentityOrder",
            "SynchronizedCollections");
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void every_replay_repeats_the_recorded_interleaving(String program) {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Set<String> plainOutputs = Airlock.plainOutputs(jdk, PACKAGE + program, 30);
        assertEquals(2, plainOutputs.size(), program + " gave one output in 30 plain runs: " + plainOutputs);

        Path journal = tmp.resolve("journal");
        Proc recorded = recordSerial(jdk, journal, program);
        assertTrue(recorded.exitCode == 0 || program.equals("LockOrder") && recorded.exitCode == 3, recorded.toString());
        assertEquals("", recorded.err(), "the agent writes nothing on stderr");
        if (program.equals("PingPong")) {
            assertTrue(recorded.out().contains("holdsLock inside synchronized: true"), recorded.out());
        }
        // Ten replays: nine by the replay agent alone (one JVM each), the last through the command line.
        List<Path> results = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            results.add(tmp.resolve("result" + i + ".properties"));
        }
        Airlock.assertReplaysByAgent(jdk, journal, results, PACKAGE + program, recorded);
        Path report = tmp.resolve("report.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
    }

    /**
     * A registry keyed by classes in application code (as Guava's immutable maps are): where a class lands
     * and how far an insert probes follow the classes' hashes, which the JVM draws anew for the recording
     * and the replay (the agents' own work moves them). Replays diverged at the probing loop's points
     * before classes loaded after the agent got hashes from their names.
     */
    @Test
    void class_keyed_tables_probe_alike_on_replay() {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        String program = "ClassKeyedTable";
        Path journal = tmp.resolve("journal");
        Proc recorded = recordAfterPlainRunsDiffer(jdk, program, journal);
        List<Path> results = List.of(tmp.resolve("r0.properties"), tmp.resolve("r1.properties"), tmp.resolve("r2.properties"));
        Airlock.assertReplaysByAgent(jdk, journal, results, PACKAGE + program, recorded);
    }

    /**
     * The other JDKs (the default one has them all above), on a few: a race, a blocking queue, identity
     * hashes of objects and of classes.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void serial_replays_on_every_jdk(Airlock.Jdk jdk) {
        if (jdk.feature() == Airlock.defaultJdk().feature()) {
            return;
        }
        for (String program : List.of("RacyCounter", "QueueConsumers", "IdentityOrder", "ClassKeyedTable")) {
            Path journal = tmp.resolve(program + "-" + jdk);
            Proc recorded = recordSerial(jdk, journal, program);
            assertEquals(0, recorded.exitCode, recorded.toString());
            Airlock.assertCliReplaysMatch(jdk, journal, recorded, 2);
        }
    }

    /** Checks that {@code program} gives two outputs within 30 plain runs, then records it once. */
    private static Proc recordAfterPlainRunsDiffer(Airlock.Jdk jdk, String program, Path journal) {
        Set<String> plainOutputs = Airlock.plainOutputs(jdk, PACKAGE + program, 30);
        assertEquals(2, plainOutputs.size(), program + " gave one output in 30 plain runs: " + plainOutputs);
        Proc recorded = recordSerial(jdk, journal, program);
        assertEquals(0, recorded.exitCode, recorded.toString());
        return recorded;
    }

    /** Virtual threads (Java 21+): the race among them and their order replay like platform threads'. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void virtual_threads_replay_their_race(Airlock.Jdk jdk) {
        if (jdk.feature() < 21) {
            return;
        }
        Path journal = tmp.resolve("virtual");
        Proc recorded = recordAfterPlainRunsDiffer(jdk, "VirtualThreads", journal);
        assertTrue(recorded.out().startsWith("counter "), recorded.out());
        assertTrue(!recorded.out().contains("platform?"), recorded.out());
        Airlock.assertCliReplaysMatch(jdk, journal, recorded, 3);
    }

    /** A racy recording shows its bug, and the bug is what every replay shows too. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void the_recorded_lost_update_recurs(Airlock.Jdk jdk) {
        if (jdk.feature() != Airlock.defaultJdk().feature()) {
            return;
        }
        Path journal = tmp.resolve("counter");
        Proc recorded = recordLosingUpdates(jdk, journal, "RacyCounter", "threads=serial", 5);
        assertNotEquals(-1, recorded.out().indexOf("lost updates: "), recorded.toString());
        assertTrue(!recorded.out().contains("lost updates: 0\n"), "no recording lost an update: " + recorded.out());
        Path report = tmp.resolve("counter.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
    }

    /**
     * {@code count++} and {@code slots[i]++}, no call between a read and its write: by default the recorder
     * never switches threads inside them, so the recording loses no update though plain runs lose thousands.
     * With {@code preempt=memory} it may switch before any field or array element access: the recording
     * loses updates as plain runs do, and every replay loses the same ones.
     */
    @org.junit.jupiter.api.Test
    void with_memory_points_a_race_inside_one_statement_is_recorded_and_replayed() {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        String main = PACKAGE + "UnguardedIncrement";
        Set<String> plainOutputs = Airlock.plainOutputs(jdk, main, 30);
        assertEquals(2, plainOutputs.size(), "one output in 30 plain runs: " + plainOutputs);

        Proc byCalls = recordSerial(jdk, tmp.resolve("calls"), "UnguardedIncrement");
        assertEquals("count 80000 of 80000; lost updates: 0\nslots 80000 of 80000; lost updates: 0\n", byCalls.out(),
            byCalls.toString());

        Path journal = tmp.resolve("memory");
        Proc recorded = recordLosingUpdates(jdk, journal, "UnguardedIncrement", "threads=serial,preempt=memory", 3);
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().startsWith("count ") && !recorded.out().contains("lost updates: 0\n"),
            "no recording lost an update on both: " + recorded.out());
        List<Path> results = List.of(tmp.resolve("m0.properties"), tmp.resolve("m1.properties"),
            tmp.resolve("m2.properties"), tmp.resolve("m3.properties"));
        Airlock.assertReplaysByAgent(jdk, journal, results, main, recorded);
        Path report = tmp.resolve("memory.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
    }

    /**
     * A program that polls another thread's {@code getState()} until it sleeps, then until it waits: the
     * serial recording answers as a run without Airlock would (the scheduler's own waits are not what the
     * program sees), so it records at all, and both thread modes replay the states it saw.
     */
    @org.junit.jupiter.api.Test
    void another_threads_state_is_what_the_program_would_see_and_replays() {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        String main = PACKAGE + "PollState";
        for (String mode : new String[] {"serial", "ordered"}) {
            Path journal = tmp.resolve("state-" + mode);
            Proc recorded = Airlock.recordThreads(jdk, journal, main, mode);
            assertEquals(0, recorded.exitCode, mode + ": " + recorded);
            assertTrue(recorded.out().startsWith("before start: NEW\nsleep interrupted\nwhile main holds the lock: BLOCKED\n"
                + "wait interrupted\nafter join: TERMINATED"), mode + ": " + recorded.out());
            if (mode.equals("serial")) {
                Path report = tmp.resolve("state.json");
                Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
            } else {
                Airlock.assertReplaysByAgent(jdk, journal, List.of(tmp.resolve("state.properties")), main, recorded);
            }
        }
    }

    /**
     * Application monitors are the scheduler's; the JDK's own {@code synchronized} in a
     * {@code Collections.synchronizedList} or {@code synchronizedMap} takes the same monitor, so iterating inside
     * {@code synchronized} on it keeps the writers out while recording (a quantum of 10 points preempts
     * the iteration often) and replaying, as it does without Airlock.
     */
    @org.junit.jupiter.api.Test
    void jdk_code_locking_an_application_monitor_is_kept_out_of_its_synchronized_block() {
        recordsWithShortQuantumAndReplays("GuardedIteration", "concurrent modifications seen: 0; sizes 6000 3000\n");
    }

    /** Records {@code program} with a quantum of 10 points (preempting often), expects {@code output}, replays it once. */
    private void recordsWithShortQuantumAndReplays(String program, String output) {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve(program);
        Proc recorded = Airlock.recordWith(jdk, journal, PACKAGE + program, "threads=serial,quantum=10");
        assertEquals(output, recorded.out(), recorded.toString());
        Path report = tmp.resolve(program + ".json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
    }

    /**
     * {@code Vector}, {@code Hashtable} and {@code StringBuffer} lock themselves with {@code synchronized}
     * methods inside the JDK. The application's calls of them take the scheduler's monitor too, so an
     * application block on one keeps the other threads' calls out, as the JVM's monitor does without
     * Airlock (with a quantum of 10 points, other threads got into such blocks before).
     */
    @org.junit.jupiter.api.Test
    void an_application_block_on_a_vector_keeps_out_its_synchronized_methods() {
        recordsWithShortQuantumAndReplays("GuardedLegacyCollections",
            "blocks another thread got into: 0; sizes 4300 4300 4300 4300\n");
    }

    /**
     * {@code java.util.Timer} decides inside the JDK when a task is due: by its own clock reads and a
     * timed {@code wait} on its queue's monitor. Both are the scheduler's, so how many ticks ran before
     * {@code cancel}, and where another thread's marks fell among them, replay as recorded.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void a_timer_ticks_as_often_as_recorded(Airlock.Jdk jdk) {
        Proc recorded = recordsAndReplaysARace(jdk, "TimerTicks");
        assertTrue(recorded.out().matches("\\d+ marks: t1 .*W.*W.*W.*\n"), recorded.out());
    }

    /**
     * {@code TimeUnit.sleep}, {@code timedWait} and {@code timedJoin} call the JDK's own inside the JDK;
     * they are the scheduler's too (a sleep there kept the turn, and its wait was not on the scheduler's
     * monitor), so the ticks another thread counted meanwhile replay as recorded.
     */
    @org.junit.jupiter.api.Test
    void time_unit_sleeps_and_waits_replay() {
        Proc recorded = recordsAndReplaysARace(Airlock.defaultJdk(), "TimeUnitSleeps");
        assertTrue(recorded.out().endsWith("; workers alive: false\n"), recorded.out());
    }

    /**
     * Threads race to first use a class whose initializer is long and sleeps; the others wait for it
     * inside the JVM, where the scheduler cannot see them. Recording keeps the turn with the initializer
     * (a turn passed inside it went to a thread that then waited for the class holding the turn: a hang)
     * and ends the turn of a thread waiting there for it; replay ends it where it was recorded.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void threads_racing_to_initialize_a_class_record_and_replay(Airlock.Jdk jdk) {
        Proc recorded = recordsAndReplaysARace(jdk, "ClassInitRace");
        assertTrue(recorded.out().startsWith("initialized by "), recorded.out());
    }

    /**
     * Shows that {@code program}'s output varies in plain runs, records it once in serial mode (exit 0),
     * replays that recording twice by the agent, each as recorded, and returns the recording.
     */
    private Proc recordsAndReplaysARace(Airlock.Jdk jdk, String program) {
        String main = PACKAGE + program;
        Set<String> plainOutputs = Airlock.plainOutputs(jdk, main, 30);
        assertEquals(2, plainOutputs.size(), program + ": one output in 30 plain runs: " + plainOutputs);
        Path journal = tmp.resolve(program + "-" + jdk);
        Proc recorded = Airlock.recordThreads(jdk, journal, main, "serial");
        assertEquals(0, recorded.exitCode, recorded.toString());
        Airlock.assertReplaysByAgent(jdk, journal, List.of(tmp.resolve(program + "-" + jdk + "-0.properties"),
            tmp.resolve(program + "-" + jdk + "-1.properties")), main, recorded);
        return recorded;
    }

    /** Each worker's ThreadLocalRandom draws replay in every thread mode, whatever JVM ids the threads get. */
    @org.junit.jupiter.api.Test
    void workers_thread_local_random_draws_replay_in_every_mode() {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        String main = PACKAGE + "WorkerRandoms";
        assertEquals(2, Airlock.plainOutputs(jdk, main, 5).size(), "the draws differ between plain runs");
        for (String mode : List.of("serial", "ordered", "free")) {
            Path journal = tmp.resolve("randoms-" + mode);
            Proc recorded = Airlock.recordThreads(jdk, journal, main, mode);
            assertEquals(0, recorded.exitCode, mode + ": " + recorded);
            Airlock.assertReplaysByAgent(jdk, journal, List.of(tmp.resolve("randoms-" + mode + ".properties")), main,
                recorded);
        }
    }

    /**
     * The JDK seeds a thread's ThreadLocalRandom when it first needs it: inside a {@code LongAdder} the
     * thread collided on, at a point among its clock reads that differs from run to run. The seeds of
     * threads other than main are made from main's and the thread's path, so wherever that happens on
     * replay, the draws and the events around it are the recording's (before, every replay in the
     * parallel modes diverged: a recorded seed came where the replay read the clock). On both JDKs.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void random_seeds_made_inside_contended_jdk_counters_replay_in_every_mode(Airlock.Jdk jdk) {
        String main = PACKAGE + "ContendedRandoms";
        assertEquals(2, Airlock.plainOutputs(jdk, main, 5).size(), "the draws differ between plain runs");
        for (String mode : List.of("serial", "ordered", "free")) {
            Path journal = tmp.resolve("contended-" + mode + "-" + jdk);
            Proc recorded = Airlock.recordThreads(jdk, journal, main, mode);
            assertEquals(0, recorded.exitCode, mode + ": " + recorded);
            Airlock.assertReplaysByAgent(jdk, journal, List.of(tmp.resolve("contended-" + mode + "-" + jdk + "-0.properties"),
                tmp.resolve("contended-" + mode + "-" + jdk + "-1.properties")), main, recorded);
        }
    }

    /**
     * A debugger stops a worker at a breakpoint (all threads suspended, as jdb does) for two seconds in
     * the middle of the race and evaluates a call there: the replay still repeats the recorded
     * interleaving and matches.
     */
    @org.junit.jupiter.api.Test
    void a_breakpoint_held_for_two_seconds_does_not_change_the_schedule() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("debugged");
        Proc recorded = recordSerial(jdk, journal, "RacyCounter");
        assertEquals(0, recorded.exitCode, recorded.toString());
        Path report = tmp.resolve("debugged.json");
        try (JdbSession jdb = JdbSession.start(jdk, journal, tmp, "--report", report.toString())) {
            jdb.await("Initializing jdb", 30);
            jdb.send("stop in " + PACKAGE + "RacyCounter.plusOne");
            jdb.await("breakpoint " + PACKAGE + "RacyCounter.plusOne", 30);
            jdb.send("cont");
            jdb.await("Breakpoint hit:", 60);
            jdb.send("clear " + PACKAGE + "RacyCounter.plusOne");
            jdb.await("Removed:", 30);
            // An evaluated call is a method entry the schedule must not count.
            jdb.send("print " + PACKAGE + "RacyCounter.plusOne(41)");
            jdb.await("plusOne(41) = 42", 30);
            Thread.sleep(2000);
            assertEquals(0, jdb.finish(), java.nio.file.Files.readString(jdb.replayErr));
        }
        String json = Airlock.read(report);
        assertTrue(json.contains("\"matched\": true") || json.contains("\"matched\":true"), json);
    }

    /**
     * Records {@code program} into {@code journal} until a recording loses an update (the race is random),
     * at most {@code attempts} times; returns the last recording.
     */
    private static Proc recordLosingUpdates(Airlock.Jdk jdk, Path journal, String program, String options, int attempts) {
        Proc recorded = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            deleteTree(journal);
            recorded = Airlock.recordWith(jdk, journal, PACKAGE + program, options);
            if (!recorded.out().contains("lost updates: 0\n")) {
                break;
            }
        }
        return recorded;
    }

    private static void deleteTree(Path dir) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = java.nio.file.Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                java.nio.file.Files.delete(p);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Proc recordSerial(Airlock.Jdk jdk, Path journal, String program) {
        return Airlock.recordThreads(jdk, journal, PACKAGE + program, "serial");
    }
}
