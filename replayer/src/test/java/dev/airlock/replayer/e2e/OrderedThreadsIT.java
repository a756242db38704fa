package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@code threads=ordered} on the corpus (examples {@code races}). Threads run in parallel; replay
 * repeats each object's order of monitor, lock and atomic turns.
 * <ul>
 * <li>The programs whose synchronization is their own code's (monitors, {@code wait}, locks, conditions,
 * atomics, semaphores: {@code PermitPool}), a blocking queue's or thread pool's (with a timed {@code Future.get}) or a concurrent
 * collection's or a {@code CyclicBarrier}'s ({@code BarrierRounds}) (called through its own type or an interface: {@code InterfaceCalls}), or a JDK class
 * that synchronizes inside its methods ({@code StringBuffer}, {@code Vector}, {@code Hashtable},
 * {@code Collections.synchronized*}, {@code System.out}: {@code SynchronizedCollections}; a
 * {@code java.util.logging} handler: {@code LoggingThreads}), or iterate a
 * {@code ConcurrentHashMap} or {@code CopyOnWriteArrayList} another thread writes ({@code MapWhileWritten},
 * {@code ListenersWhileAdded}), or run fork-join tasks, each task's run a logical thread of its own
 * (a parallel stream on the common pool: {@code ParallelSideEffects}; a pool of four that forks and joins:
 * {@code ForkJoinTickets}), or chain {@code CompletableFuture} stages, each stage's function a logical
 * thread of its own ({@code FutureTickets}) give two outputs in plain runs, and recorded once replay ten
 * times with the recorded output.</li>
 * <li>The others race (data races: ordered mode does not cover them): each replay either matches or
 * stops with a divergence, never a silent mismatch.</li>
 * </ul>
 */
class OrderedThreadsIT {

    private static final String PACKAGE = "dev.airlock.examples.races.";

    static Stream<String> ordered() {
        return Stream.of("SharedLog", "StopFlag", "PingPong", "LockOrder", "QueueConsumers", "ExecutorIds",
            "IdentityOrder", "InterfaceCalls", "SynchronizedCollections", "MapWhileWritten",
            "LoggingThreads", "ListenersWhileAdded", "PermitPool",
            "BarrierRounds", "ParallelSideEffects", "ForkJoinTickets", "FutureTickets");
    }

    static Stream<String> notCovered() {
        return Stream.of("RacyCounter", "CheckThenAct", "BankTransfers", "FutureChain", "IdentityOrder");
    }

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("ordered")
    void a_program_that_orders_its_own_threads_replays_ten_times(String program) {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Set<String> plainOutputs = Airlock.plainOutputs(jdk, PACKAGE + program, 30);
        assertEquals(2, plainOutputs.size(), program + " gave one output in 30 plain runs: " + plainOutputs);

        Path journal = tmp.resolve("journal");
        Proc recorded = recordOrdered(jdk, journal, program);
        assertTrue(recorded.exitCode == 0 || program.equals("LockOrder") && recorded.exitCode == 3, recorded.toString());
        assertEquals("", recorded.err(), "the agent writes nothing on stderr");
        if (program.equals("PingPong")) {
            assertTrue(recorded.out().contains("holdsLock inside synchronized: true"), recorded.out());
        }
        List<Path> results = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) {
            results.add(tmp.resolve("result" + i + ".properties"));
        }
        Airlock.assertReplaysByAgent(jdk, journal, results, PACKAGE + program, recorded);
        Path report = tmp.resolve("report.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCovered")
    void a_program_ordered_mode_does_not_cover_matches_or_says_it_diverged(String program) {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = recordOrdered(jdk, journal, program);
        assertEquals(0, recorded.exitCode, recorded.toString());
        Path result = tmp.resolve("result.properties");
        Proc replayed = replayByAgent(jdk, journal, result, program);
        String outcome = Airlock.read(result);
        if (outcome.contains("status=completed")) {
            assertEquals(recorded.out(), replayed.out(), "a completed replay printed what the recording did");
        } else {
            assertTrue(outcome.contains("status=diverged"), outcome);
            assertTrue(outcome.contains("divergence.message="), outcome);
            assertTrue(outcome.contains("divergence.thread="), outcome);
        }
    }

    /**
     * The one program that uses every ordered kind, and the fork-join one (whose pool differs from JDK to
     * JDK), on the JDKs besides the default (which has them above).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void ordered_replays_on_every_jdk(Airlock.Jdk jdk) {
        if (jdk.feature() == Airlock.defaultJdk().feature()) {
            return;
        }
        for (String program : List.of("SharedLog", "ForkJoinTickets")) {
            Path journal = tmp.resolve(program + "-" + jdk);
            Proc recorded = recordOrdered(jdk, journal, program);
            assertEquals(0, recorded.exitCode, recorded.toString());
            Airlock.assertCliReplaysMatch(jdk, journal, recorded, 2);
        }
    }

    /**
     * Virtual threads (Java 21+) are threads like others in ordered mode: each is named after the thread
     * that started it, so its turns are its own on replay. Before their starts were seen (a virtual
     * thread's {@code start} overrides {@code Thread.start}), they were named in the order they first
     * recorded something: 1 of 6 replays of {@code VirtualTickets} diverged, and 4 of 6 of one with 16
     * threads and 20 tickets each.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void virtual_threads_replay_in_ordered_mode(Airlock.Jdk jdk) {
        if (jdk.feature() < 21) {
            return;
        }
        Set<String> plainOutputs = Airlock.plainOutputs(jdk, PACKAGE + "VirtualTickets", 30);
        assertEquals(2, plainOutputs.size(), "one output in 30 plain runs: " + plainOutputs);
        Path journal = tmp.resolve("virtual-" + jdk);
        Proc recorded = recordOrdered(jdk, journal, "VirtualTickets");
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().startsWith("tickets 40, "), recorded.out());
        Airlock.assertCliReplaysMatch(jdk, journal, recorded, 3);
    }

    /**
     * Default thread names ({@code Thread-N}, {@code pool-N-thread-M}) count threads JVM-wide: made by
     * threads running in parallel, they differ from run to run. Recorded in either parallel mode, every
     * replay names them as the recording did.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void default_thread_names_replay_in_the_parallel_modes(Airlock.Jdk jdk) {
        Set<String> plainOutputs = Airlock.plainOutputs(jdk, PACKAGE + "ThreadNames", 30);
        assertEquals(2, plainOutputs.size(), "one output in 30 plain runs: " + plainOutputs);
        for (String mode : List.of("free", "ordered")) {
            Path journal = tmp.resolve("names-" + mode + "-" + jdk);
            Proc recorded = record(jdk, journal, "ThreadNames", mode);
            assertEquals(0, recorded.exitCode, recorded.toString());
            // as plain: the agent's own threads in main's group are not counted
            assertTrue(recorded.out().endsWith("; threads active at start: 1\n"), recorded.out());
            Path report = tmp.resolve("names-" + mode + "-" + jdk + ".json");
            Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
        }
    }

    /**
     * A debugger stops a writer at a breakpoint (all threads suspended, as jdb does) for two seconds and
     * evaluates a synchronized method there: the other threads wait for their turns, nothing is reported
     * as stalled, the evaluation takes no turn, and the replay matches.
     */
    @Test
    void a_breakpoint_held_for_two_seconds_does_not_change_the_order() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("debugged");
        Proc recorded = recordOrdered(jdk, journal, "SharedLog");
        assertEquals(0, recorded.exitCode, recorded.toString());
        Path report = tmp.resolve("debugged.json");
        try (JdbSession jdb = JdbSession.start(jdk, journal, tmp, "--report", report.toString())) {
            jdb.await("Initializing jdb", 30);
            jdb.send("stop in " + PACKAGE + "SharedLog.append");
            jdb.await("breakpoint " + PACKAGE + "SharedLog.append", 30);
            jdb.send("cont");
            jdb.await("Breakpoint hit:", 60);
            jdb.send("clear " + PACKAGE + "SharedLog.append");
            jdb.await("Removed:", 30);
            // An evaluated method that locks two monitors takes no turns.
            jdb.send("print " + PACKAGE + "SharedLog.size()");
            jdb.await("SharedLog.size() = ", 30);
            Thread.sleep(2000);
            assertEquals(0, jdb.finish(), java.nio.file.Files.readString(jdb.replayErr));
        }
        String json = Airlock.read(report);
        assertTrue(json.contains("\"matched\": true") || json.contains("\"matched\":true"), json);
    }

    private static Proc replayByAgent(Airlock.Jdk jdk, Path journal, Path result, String program) {
        return Airlock.replayByAgent(jdk, journal, result, PACKAGE + program);
    }

    private static Proc recordOrdered(Airlock.Jdk jdk, Path journal, String program) {
        return record(jdk, journal, program, "ordered");
    }

    private static Proc record(Airlock.Jdk jdk, Path journal, String program, String threads) {
        return Airlock.recordThreads(jdk, journal, PACKAGE + program, threads);
    }
}
