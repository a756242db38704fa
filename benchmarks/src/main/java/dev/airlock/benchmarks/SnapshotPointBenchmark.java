package dev.airlock.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a live snapshot point costs the line it sits on. {@code plain}: no point. {@code armed}: a point
 * whose condition never holds, so every pass boxes the live variables, calls the hook and evaluates the
 * condition, and nothing is taken. {@code removed}: a point injected and then cleared, so the method
 * must be back to plain speed. The point is put in by the real {@code airlock snapshot} command (a
 * separate process attaching to the benchmark's fork), exactly as an operator would.
 *
 * <p>Run from the repository root after {@code mvn -q package -DskipTests}:
 * {@code java -jar benchmarks/target/benchmarks.jar SnapshotPointBenchmark -prof gc}
 * (quick: add {@code -wi 2 -i 3 -w 1s -r 1s}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SnapshotPointBenchmark {

    /** The code a point is put into; a class of its own so that only it is retransformed. */
    public static final class Priced {
        private long total;

        /** The line of {@link #price}'s second statement, where the point goes. Keep the two together. */
        static int snapshotLine() {
            return new Throwable().getStackTrace()[0].getLineNumber() + 5;
        }

        long price(int quantity, long unit) {
            long net = quantity * unit;
            total += net;
            return total;
        }
    }

    @Param({"plain", "armed", "removed"})
    public String point;

    private final Priced priced = new Priced();
    private int quantity;
    private Path out;

    @Setup(Level.Trial)
    public void inject() throws Exception {
        priced.price(1, 1);
        if (point.equals("plain")) {
            return;
        }
        out = Files.createTempDirectory("airlock-bench-snapshots");
        String pid = Long.toString(ProcessHandle.current().pid());
        String reply = airlock("snapshot", pid, "--at", Priced.class.getName() + ":" + Priced.snapshotLine(),
            "--when", "quantity < 0", "--expire", "1h", "-o", out.toString());
        if (!reply.contains("variables: quantity, unit, net, this")) {
            throw new IllegalStateException("the point is not where the benchmark expects it: " + reply);
        }
        if (point.equals("removed")) {
            airlock("snapshot", pid, "--clear");
        }
    }

    @TearDown(Level.Trial)
    public void clear() throws Exception {
        if (point.equals("armed")) {
            airlock("snapshot", Long.toString(ProcessHandle.current().pid()), "--clear");
        }
    }

    @Benchmark
    public long line() {
        return priced.price(++quantity & 1023, 3);
    }

    private static String airlock(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("airlock.jar", "replayer/target/airlock.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar.toAbsolutePath() + ": run from the repository root after mvn package");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + output);
        }
        return output;
    }
}
