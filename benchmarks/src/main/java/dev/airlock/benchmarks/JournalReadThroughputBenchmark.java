package dev.airlock.benchmarks;

import dev.airlock.format.DocType;
import dev.airlock.format.DigestChain;
import dev.airlock.format.Event;
import dev.airlock.format.EventDecoder;
import dev.airlock.format.EventKind;
import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalDocument;
import dev.airlock.format.JournalReader;
import dev.airlock.format.JournalWriter;
import dev.airlock.format.SiteRef;
import dev.airlock.format.ThreadEventWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Journal read throughput in events per second: every invocation opens a journal of {@value #EVENTS}
 * events of one thread, written in the trial's setup, and reads it to the end, the way replay's index
 * and {@code airlock events} do. {@code documents} reads the documents with the digest chain checked
 * (Chronicle plus SHA-256); {@code events} also decodes every event of every block. The loop over the
 * journal is the operation, so JMH counts {@value #EVENTS} operations per invocation.
 *
 * <p>{@code event}: as in {@link JournalAppendThroughputBenchmark}, {@code clock} events of 3 bytes or
 * {@code bytes64} events of 68. The secondary result {@code documentBytes} is the rate of document
 * bytes read, chain links included (divide by 10^6 for MB/s).
 *
 * <p>How to run: {@code java -jar benchmarks/target/benchmarks.jar JournalReadThroughputBenchmark}
 * (quick: add {@code -f 1 -wi 1 -i 3 -w 1s -r 1s}). The setup writes the journal, about 3 MB for
 * {@code clock} and 70 MB for {@code bytes64}, to a temporary directory deleted after the trial.
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
public class JournalReadThroughputBenchmark {

    static final int EVENTS = 1_000_000;

    private static final int CLOCK_REF = SiteRef.of(40, EventKind.NANO_TIME);
    private static final int BYTES_REF = SiteRef.of(41, EventKind.NET_READ);

    @Param({"clock", "bytes64"})
    public String event;

    private Path dir;

    @Setup(Level.Trial)
    public void write() throws IOException {
        dir = TempDirs.create("airlock-bench-read");
        JournalWriter journal = JournalWriter.create(dir,
            new Fields().put(HeaderKeys.FORMAT_VERSION, HeaderKeys.CURRENT_FORMAT), 1L << 30, 10, t -> { });
        journal.start();
        ThreadEventWriter writer = journal.openThread("main", Thread.currentThread());
        byte[] payload = new byte[64];
        long clock = 0;
        // 70 MB at most: well inside the 1 GiB chunk budget, so the writer thread never has to keep up.
        for (int i = 0; i < EVENTS; i++) {
            if (event.equals("clock")) {
                clock += 25 + i % 7;
                writer.appendLong(CLOCK_REF, clock);
            } else {
                writer.appendBytes(BYTES_REF, payload, 0, payload.length);
            }
        }
        journal.close(new Fields());
        if (journal.stopReason() != null || journal.eventsWritten() != EVENTS) {
            throw new IllegalStateException("the setup journal is incomplete: " + journal.eventsWritten()
                + " events written, " + journal.stopReason());
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        TempDirs.delete(dir);
    }

    /** The document bytes read (a rate in the results), and the decoding state reused by every pass. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Pass {
        public long documentBytes;
        final EventDecoder decoder = new EventDecoder();
        final Event holder = new Event();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long documents(Pass pass) {
        long blocks = 0;
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.readHeader();
            JournalDocument doc;
            while ((doc = reader.next()) != null) {
                pass.documentBytes += doc.bodyLength() + DigestChain.LINK_BYTES;
                if (doc.type() == DocType.BLOCK) {
                    blocks += doc.blockCount();
                }
            }
        }
        return blocks;
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void events(Pass pass, Blackhole bh) {
        try (JournalReader reader = JournalReader.open(dir)) {
            reader.readHeader();
            JournalDocument doc;
            while ((doc = reader.next()) != null) {
                pass.documentBytes += doc.bodyLength() + DigestChain.LINK_BYTES;
                if (doc.type() != DocType.BLOCK) {
                    continue;
                }
                doc.decodeWith(pass.decoder);
                while (pass.decoder.hasNext()) {
                    pass.decoder.next(pass.holder);
                    bh.consume(pass.holder.longValue());
                    bh.consume(pass.holder.bytes());
                }
            }
        }
    }
}
