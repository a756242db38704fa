package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.replayer.cli.AirlockCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built artifacts and the JDKs end-to-end tests run: the real agent jar, the real CLI jar and the
 * examples jar, launched in fresh JVMs. The agent jar is only ever on {@code -javaagent}, never on the
 * application's class path.
 */
final class Airlock {

    static final Path ROOT = Paths.get(System.getProperty("airlock.root", "..")).toAbsolutePath().normalize();
    static final Path RECORDER = ROOT.resolve("recorder/target/airlock-recorder.jar");
    static final Path CLI = ROOT.resolve("replayer/target/airlock.jar");
    static final Path EXAMPLES = ROOT.resolve("examples/target/airlock-examples.jar");
    static final String EXAMPLES_CP = EXAMPLES + java.io.File.pathSeparator + ROOT.resolve("examples/target/lib/*");

    private Airlock() {
    }

    /** JDKs to run the application on: this one, and Java 25 when installed. */
    static Stream<Jdk> jdks() {
        List<Jdk> jdks = new ArrayList<>();
        jdks.add(new Jdk(Runtime.version().feature(), Paths.get(System.getProperty("java.home"))));
        String home25 = System.getProperty("airlock.java25.home", "");
        if (!home25.isEmpty() && Files.isExecutable(Paths.get(home25, "bin", "java"))) {
            jdks.add(new Jdk(25, Paths.get(home25)));
        }
        return jdks.stream();
    }

    static Jdk defaultJdk() {
        return jdks().findFirst().orElseThrow();
    }

    /** A JDK that runs applications. */
    record Jdk(int feature, Path home) {

        String java() {
            return home.resolve("bin/java").toString();
        }

        /** Flags every application JVM in these tests gets; Java 24+ warns about Unsafe without the first. */
        List<String> baseFlags() {
            return feature >= 24 ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
        }

        @Override
        public String toString() {
            return "java" + feature;
        }
    }

    static Proc plain(Jdk jdk, String cp, String main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.java());
        cmd.addAll(jdk.baseFlags());
        cmd.addAll(List.of("-cp", cp, main));
        cmd.addAll(Arrays.asList(args));
        return Proc.run(cmd, null, null);
    }

    static Proc record(Jdk jdk, Path journal, List<String> jvmFlags, String cp, String main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.java());
        cmd.addAll(jdk.baseFlags());
        cmd.add("-javaagent:" + RECORDER + "=journal=" + journal);
        cmd.addAll(jvmFlags);
        cmd.addAll(List.of("-cp", cp, main));
        cmd.addAll(Arrays.asList(args));
        return Proc.run(cmd, null, null);
    }

    /** Up to {@code runs} plain runs of {@code main}, stopping at the second distinct output. */
    static java.util.Set<String> plainOutputs(Jdk jdk, String main, int runs) {
        java.util.Set<String> outputs = new java.util.HashSet<>();
        for (int run = 0; run < runs && outputs.size() < 2; run++) {
            outputs.add(plain(jdk, EXAMPLES_CP, main).out());
        }
        return outputs;
    }

    /** Records an example program with the given agent options besides the journal. */
    static Proc recordWith(Jdk jdk, Path journal, String main, String options) {
        List<String> cmd = new ArrayList<>();
        cmd.add(jdk.java());
        cmd.addAll(jdk.baseFlags());
        cmd.add("-javaagent:" + RECORDER + "=journal=" + journal + "," + options);
        cmd.addAll(List.of("-cp", EXAMPLES_CP, main));
        return Proc.run(cmd, null, null);
    }

    /** Records an example program with the given {@code threads=} mode. */
    static Proc recordThreads(Jdk jdk, Path journal, String main, String threads) {
        return recordWith(jdk, journal, main, "threads=" + threads);
    }

    /**
     * Replays an example program {@code results.size()} times by the replay agent alone, two replay JVMs
     * at a time (a 2-core machine runs two nearly as fast as one); each outcome goes to its result file.
     */
    static List<Proc> replaysByAgent(Jdk jdk, Path journal, List<Path> results, String main) {
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Proc>> running = new ArrayList<>();
            for (Path result : results) {
                running.add(two.submit(() -> replayByAgent(jdk, journal, result, main)));
            }
            List<Proc> done = new ArrayList<>();
            for (java.util.concurrent.Future<Proc> f : running) {
                done.add(f.get());
            }
            return done;
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            two.shutdownNow();
        }
    }

    /** Replays an example program by the replay agent alone, in one JVM, its outcome written to {@code result}. */
    static Proc replayByAgent(Jdk jdk, Path journal, Path result, String main) {
        return replayByAgent(jdk, journal, result, EXAMPLES_CP, main);
    }

    static Proc replayByAgent(Jdk jdk, Path journal, Path result, String cp, String main) {
        List<String> cmd = new ArrayList<>(List.of(jdk.java()));
        cmd.addAll(jdk.baseFlags());
        // C1 only: a replay's outcome does not depend on the JIT (the recordings and the replays through
        // the command line keep the default), and these short JVMs start 20-30 % faster on two cores
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-javaagent:" + CLI + "=replay=" + journal + ",result=" + result);
        cmd.addAll(List.of("-cp", cp, main));
        return Proc.run(cmd, null, null);
    }

    static Proc record(Jdk jdk, Path journal, String cp, String main, String... args) {
        return record(jdk, journal, List.of(), cp, main, args);
    }

    /** {@code airlock <args>} through the CLI jar, on the JDK running the tests. */
    private static final List<String> CLI_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    static Proc cli(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        // The suite starts the CLI several hundred times on small journals: C1 alone and the serial
        // collector start it about a quarter faster on two cores. The replay JVMs it starts keep their
        // recorded options.
        cmd.addAll(CLI_JVM_FLAGS);
        cmd.addAll(List.of("-jar", CLI.toString()));
        cmd.addAll(Arrays.asList(args));
        return Proc.run(cmd, null, env);
    }

    /**
     * {@code airlock <args>} in this JVM, through the command line {@code main} runs, with its output
     * captured: for many quick runs of {@code inspect}, {@code events} and {@code verify}.
     */
    static Proc inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AirlockCli.newCommandLine()
            .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        List<String> command = new ArrayList<>(List.of("airlock"));
        command.addAll(Arrays.asList(args));
        return Proc.ended(command, code, out.toString(), err.toString());
    }

    static Proc replay(Jdk jdk, Path journal, Path report, String... extra) {
        List<String> args = new ArrayList<>(List.of("replay", journal.toString(), "--java", jdk.java(), "--report",
            report.toString()));
        args.addAll(Arrays.asList(extra));
        return cli(null, args.toArray(new String[0]));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replays by the replay agent alone, once per result file (two JVMs at a time), and asserts that each
     * completed with the recorded output and exit code.
     */
    static void assertReplaysByAgent(Jdk jdk, Path journal, List<Path> results, String main, Proc recorded) {
        List<Proc> replays = replaysByAgent(jdk, journal, results, main);
        for (int i = 0; i < results.size(); i++) {
            String result = read(results.get(i));
            assertEquals(recorded.out(), replays.get(i).out(), "replay " + i + "\n" + result);
            assertEquals(recorded.exitCode, replays.get(i).exitCode, replays.get(i).toString());
            assertTrue(result.contains("status=completed"), result);
        }
    }

    /** Replays {@code journal} {@code times} times through the CLI and asserts that each matched. */
    static void assertCliReplaysMatch(Jdk jdk, Path journal, Proc recorded, int times) {
        for (int i = 0; i < times; i++) {
            Path report = journal.resolveSibling(journal.getFileName() + "-replay" + i + ".json");
            assertMatched(recorded, replay(jdk, journal, report), report);
        }
    }

    /** Asserts that a replay matched, by its exit code, its report and its output. */
    static void assertMatched(Proc recorded, Proc replayed, Path report) {
        String json = read(report);
        assertTrue(json.contains("\"matched\": true") || json.contains("\"matched\":true"), json + "\n" + replayed);
        assertEquals(recorded.out(), replayed.out(), "replayed stdout");
        assertEquals(recorded.exitCode, replayed.exitCode, "replayed exit code\n" + replayed);
    }
}
