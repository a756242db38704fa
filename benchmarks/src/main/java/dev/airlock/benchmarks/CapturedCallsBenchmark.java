package dev.airlock.benchmarks;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Captured calls in a plain JVM. {@link Recorded} runs the same methods in a JVM recording with the real
 * agent jar, so the difference is what recording adds per call, bridge and thread lookup included.
 *
 * <p>How to run (from the repository root, after {@code mvn -q package -DskipTests}):
 * {@code java -jar benchmarks/target/benchmarks.jar CapturedCallsBenchmark -prof gc}
 * (quick: add {@code -wi 2 -i 3 -w 1s -r 1s}). Recorded forks write their journals under
 * {@code target/bench-journals/}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CapturedCallsBenchmark {

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    @Benchmark
    public Instant instantNow() {
        return Instant.now();
    }

    @Benchmark
    public double mathRandom() {
        return Math.random();
    }

    @Benchmark
    public int threadLocalRandom() {
        return ThreadLocalRandom.current().nextInt();
    }

    @Benchmark
    public UUID randomUuid() {
        return UUID.randomUUID();
    }

    @Benchmark
    public String getenv() {
        return System.getenv("HOME");
    }

    /**
     * The same calls, recorded by the agent in the forked JVM with {@code threads=free}: the cost of the
     * capture alone, without the serial scheduler's point at each method entry (see
     * {@code IoAndLocksBenchmark.RecordedSerial} for that).
     */
    @Fork(value = 1, jvmArgsAppend = {
        "-javaagent:recorder/target/airlock-recorder.jar=journal=target/bench-journals/%p,buffer-mb=256,threads=free"})
    public static class Recorded extends CapturedCallsBenchmark {
    }
}
