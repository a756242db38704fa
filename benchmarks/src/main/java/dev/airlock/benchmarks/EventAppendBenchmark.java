package dev.airlock.benchmarks;

import dev.airlock.format.EventKind;
import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalWriter;
import dev.airlock.format.SiteRef;
import dev.airlock.format.ThreadEventWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of capturing one clock value on the recording hot path: {@code baseline} reads the clock,
 * {@code nanoTimeRecorded} reads it and appends it to a thread's event writer (which a background
 * thread writes to a real Chronicle journal).
 *
 * <p>How to run: {@code java -jar benchmarks/target/benchmarks.jar EventAppendBenchmark -prof gc}
 * (quick: add {@code -f 1 -wi 2 -i 3 -w 1s -r 1s}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventAppendBenchmark {

    private static final int NANO_REF = SiteRef.of(40, EventKind.NANO_TIME);
    private static final int TURN_REF = SiteRef.of(41, EventKind.SYNC_TURN);
    private static final int RUN_REF = SiteRef.of(42, EventKind.SYNC_RUN);
    /** What the next turn of an object adds to its event (the turn number sits above two outcome bits). */
    private static final long NEXT_TURN = 4;

    private Path dir;
    private JournalWriter journal;
    private ThreadEventWriter writer;
    private long turn;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("airlock-bench");
        journal = JournalWriter.create(dir, new Fields().put(HeaderKeys.FORMAT_VERSION, HeaderKeys.CURRENT_FORMAT),
            1L << 30, 10, t -> { });
        journal.start();
        writer = journal.openThread("main", Thread.currentThread());
    }

    @TearDown(Level.Trial)
    public void close() {
        journal.close(new Fields());
    }

    @Benchmark
    public long baseline() {
        return System.nanoTime();
    }

    @Benchmark
    public long nanoTimeRecorded() {
        long v = System.nanoTime();
        writer.appendLong(NANO_REF, v);
        return v;
    }

    /**
     * {@code threads=ordered}'s commonest event: a thread takes the next turns of two objects by turns (a
     * monitor and a lock, as {@code LockHeavy} does), so each extends one of two pending runs.
     */
    @Benchmark
    public void syncTurnsOfTwoObjects() {
        long t = turn++ * NEXT_TURN;
        writer.appendRepeating(TURN_REF, RUN_REF, (1L << 32) + t, NEXT_TURN);
        writer.appendRepeating(TURN_REF, RUN_REF, (2L << 32) + t, NEXT_TURN);
    }
}
