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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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
 * The recording thread never waits for the disk: the same clock capture as
 * {@link EventAppendBenchmark#nanoTimeRecorded}, with the journal's writer thread in front of a disk
 * that keeps up ({@code ok}), a slow one that takes 2 ms per document, about 30 MB/s for full chunks
 * ({@code slow}), or one that stalls for good ({@code stalled}). The capture costs the same in all
 * three; with the slow and stalled disks the 32 MiB buffer fills and the recording stops (printed at
 * the end of each trial) rather than holding the application.
 *
 * <p>How to run: {@code java -jar benchmarks/target/benchmarks.jar StalledDiskBenchmark -prof gc}
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
public class StalledDiskBenchmark {

    private static final int NANO_REF = SiteRef.of(40, EventKind.NANO_TIME);

    @Param({"ok", "slow", "stalled"})
    public String disk;

    private Path dir;
    private JournalWriter journal;
    private ThreadEventWriter writer;
    private final CountDownLatch unstall = new CountDownLatch(1);

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("airlock-bench");
        journal = JournalWriter.create(dir, new Fields().put(HeaderKeys.FORMAT_VERSION, HeaderKeys.CURRENT_FORMAT),
            32L << 20, 10, t -> { });
        if (disk.equals("slow")) {
            journal.gateEachDocument(() -> LockSupport.parkNanos(2_000_000));
        } else if (disk.equals("stalled")) {
            journal.gateEachDocument(() -> {
                try {
                    unstall.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        journal.start();
        writer = journal.openThread("main", Thread.currentThread());
    }

    @TearDown(Level.Trial)
    public void close() {
        unstall.countDown();
        System.out.println("\n" + disk + " disk: " + (journal.stopReason() == null ? "recording ran on"
            : "recording stopped: " + journal.stopReason()) + "; " + writer.sequence() + " events appended");
        journal.close(new Fields());
    }

    @Benchmark
    public long nanoTimeRecorded() {
        long v = System.nanoTime();
        writer.appendLong(NANO_REF, v);
        return v;
    }
}
