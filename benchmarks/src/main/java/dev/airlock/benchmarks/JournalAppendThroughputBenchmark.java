package dev.airlock.benchmarks;

import dev.airlock.format.EventKind;
import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalWriter;
import dev.airlock.format.SiteRef;
import dev.airlock.format.ThreadEventWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sustained journal append throughput with one and two application threads, in events per second: each
 * operation appends one event to the thread's {@link ThreadEventWriter}, and the journal's writer thread
 * writes the chunks to a real Chronicle journal in a temporary directory. An application thread never
 * waits for the disk, so in a tight loop it would outrun the writer until the chunk budget is spent and
 * the recording stops; to measure what the journal sustains, every {@value #CHECK_EVERY} events a thread
 * parks while more than {@value #MAX_LAG_MIB} MiB of events wait to be written. A trial whose recording
 * stopped anyway fails rather than report dropped appends.
 *
 * <p>{@code event}: {@code clock} is a {@code nanoTime} event 25-31 ns after the previous one (3 bytes
 * encoded: kind, site, delta); {@code bytes64} a 64-byte payload such as a short socket read (68 bytes).
 * The secondary result {@code encodedBytes} is the rate of encoded event bytes (divide by 10^6 for MB/s);
 * the journal on disk adds a block header and a 32-byte chain link per block of up to 64 KiB, which
 * the teardown prints as bytes per event.
 *
 * <p>How to run: {@code java -jar benchmarks/target/benchmarks.jar JournalAppendThroughputBenchmark}
 * (quick: add {@code -f 1 -wi 1 -i 3 -w 1s -r 1s}). Each second of measurement writes a few hundred MB
 * to the temporary directory, deleted at the end of the trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JournalAppendThroughputBenchmark {

    static final int CHECK_EVERY = 1024;
    static final int MAX_LAG_MIB = 64;
    private static final long CHUNK_BUDGET = 1L << 30;

    private static final int CLOCK_REF = SiteRef.of(40, EventKind.NANO_TIME);
    private static final int BYTES_REF = SiteRef.of(41, EventKind.NET_READ);
    private static final byte[] PAYLOAD = new byte[64];

    @Param({"clock", "bytes64"})
    public String event;

    private Path dir;
    private JournalWriter journal;
    private long maxLagEvents;
    private int eventBytes;
    /** Events appended by all threads, counted {@value #CHECK_EVERY} at a time. */
    private final AtomicLong appended = new AtomicLong();

    @Setup(Level.Trial)
    public void open() throws IOException {
        eventBytes = event.equals("clock") ? 3 : 68;
        maxLagEvents = ((long) MAX_LAG_MIB << 20) / eventBytes;
        dir = TempDirs.create("airlock-bench-append");
        journal = JournalWriter.create(dir, new Fields().put(HeaderKeys.FORMAT_VERSION, HeaderKeys.CURRENT_FORMAT),
            CHUNK_BUDGET, 10, t -> { });
        journal.start();
    }

    @TearDown(Level.Iteration)
    public void checkRecording() {
        if (journal.stopReason() != null) {
            throw new IllegalStateException("the recording stopped, appends were dropped: " + journal.stopReason());
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        journal.close(new Fields());
        long events = journal.eventsWritten();
        System.out.printf("%njournal: %d events, %d bytes written, %.2f bytes/event on disk%n",
            events, journal.bytesWritten(), events == 0 ? 0.0 : (double) journal.bytesWritten() / events);
        TempDirs.delete(dir);
    }

    /** One application thread's writer, and the encoded bytes it appended (a rate in the results). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Appender {
        public long encodedBytes;
        ThreadEventWriter writer;
        boolean clockEvents;
        int eventBytes;
        long clock;
        int sinceCheck;

        @Setup(Level.Trial)
        public void open(JournalAppendThroughputBenchmark bench) {
            writer = bench.journal.openThread("bench/" + Thread.currentThread().getName(), Thread.currentThread());
            clockEvents = bench.event.equals("clock");
            eventBytes = bench.eventBytes;
        }
    }

    @Benchmark
    @Threads(1)
    public long oneThread(Appender a) {
        return append(a);
    }

    @Benchmark
    @Threads(2)
    public long twoThreads(Appender a) {
        return append(a);
    }

    private long append(Appender a) {
        if (a.clockEvents) {
            a.clock += 25 + (a.clock & 7) % 7;
            a.writer.appendLong(CLOCK_REF, a.clock);
        } else {
            a.writer.appendBytes(BYTES_REF, PAYLOAD, 0, PAYLOAD.length);
        }
        a.encodedBytes += a.eventBytes;
        if (++a.sinceCheck == CHECK_EVERY) {
            a.sinceCheck = 0;
            throttle();
        }
        return a.writer.sequence();
    }

    /** Parks while more than {@link #maxLagEvents} appended events are not yet written. */
    private void throttle() {
        long total = appended.addAndGet(CHECK_EVERY);
        while (total - journal.eventsWritten() > maxLagEvents && journal.stopReason() == null) {
            LockSupport.parkNanos(100_000);
        }
    }
}
