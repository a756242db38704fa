package dev.airlock.benchmarks;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * Blocking I/O and synchronisation in a plain JVM; {@link Recorded} runs the same methods in a JVM recording
 * with the real agent jar. What the agent does with each is described in {@code docs/io.md}; when this was
 * written: a {@code FileInputStream} read of a file went through the bridge (an identity check for fd 0,
 * then the native through a {@code MethodHandle}) and was not recorded; a socket read and write are
 * recorded ({@code net.read} with the 4 KiB payload, {@code net.write} with length and CRC-32C), on both
 * sides, since the answering peer is a thread of the same JVM; {@code Thread.start} is hooked (a
 * {@code thread.start} event); monitors, locks and atomics are not rewritten, so their recorded and plain
 * numbers should agree.
 *
 * <p>{@code baseline} is the field increment that the lock and atomic methods wrap.
 * {@code synchronizedContended} runs two threads on one monitor (a JMH group); on a 2-core machine they
 * share the cores with the JIT and the journal writer, so expect wide error bars. {@code fileRead} seeks
 * back to the start through the stream's channel before each read, so an operation is one
 * {@code lseek} and one 4 KiB {@code read}.
 *
 * <p>How to run (from the repository root, after {@code mvn -q package -DskipTests}):
 * {@code java -jar benchmarks/target/benchmarks.jar IoAndLocksBenchmark -prof gc}
 * (quick: add {@code -f 1 -wi 1 -i 3 -w 1s -r 1s}). Recorded forks write their journals under
 * {@code target/bench-journals/}; {@code socketRead} adds about 4 KiB of journal per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IoAndLocksBenchmark {

    static final int READ_BYTES = 4096;

    private static final Runnable EMPTY = () -> { };

    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong atomic = new AtomicLong();
    private long counter;

    /** A temporary file of {@value #READ_BYTES} bytes, read from its start by every operation. */
    @State(Scope.Thread)
    public static class TempFile {
        final byte[] buf = new byte[READ_BYTES];
        Path file;
        FileInputStream in;
        FileChannel channel;

        @Setup(Level.Trial)
        public void create() throws IOException {
            file = Files.createTempFile("airlock-bench", ".bin");
            byte[] content = new byte[READ_BYTES];
            for (int i = 0; i < content.length; i++) {
                content[i] = (byte) i;
            }
            Files.write(file, content);
            in = new FileInputStream(file.toFile());
            channel = in.getChannel();
        }

        @TearDown(Level.Trial)
        public void delete() throws IOException {
            in.close();
            Files.deleteIfExists(file);
        }
    }

    /**
     * A connected loopback socket whose peer, a thread of this JVM, answers every byte it reads with
     * {@value #READ_BYTES} bytes.
     */
    @State(Scope.Thread)
    public static class Loopback {
        final byte[] buf = new byte[READ_BYTES];
        private ServerSocket server;
        private Thread peer;
        Socket socket;
        InputStream in;
        OutputStream out;

        @Setup(Level.Trial)
        public void connect() throws IOException {
            server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            peer = new Thread(this::serve, "bench-loopback-peer");
            peer.setDaemon(true);
            peer.start();
            socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        private void serve() {
            byte[] answer = new byte[READ_BYTES];
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                InputStream sin = s.getInputStream();
                OutputStream sout = s.getOutputStream();
                while (sin.read() >= 0) {
                    sout.write(answer);
                }
            } catch (IOException e) {
                // The benchmark side closed first; nothing to answer any more.
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException, InterruptedException {
            socket.close();
            peer.join(5_000);
            server.close();
        }
    }

    /** One monitor shared by the two threads of the {@code synchronizedContended} group. */
    @State(Scope.Group)
    public static class SharedMonitor {
        final Object monitor = new Object();
        long counter;
    }

    @Benchmark
    public long baseline() {
        return ++counter;
    }

    @Benchmark
    public int fileRead(TempFile f) throws IOException {
        f.channel.position(0);
        return f.in.read(f.buf, 0, READ_BYTES);
    }

    @Benchmark
    public int socketRead(Loopback s) throws IOException {
        s.out.write(1);
        return s.in.readNBytes(s.buf, 0, READ_BYTES);
    }

    @Benchmark
    public long synchronizedUncontended() {
        synchronized (monitor) {
            return ++counter;
        }
    }

    @Benchmark
    @Group("synchronizedContended")
    @GroupThreads(2)
    public long enterShared(SharedMonitor shared) {
        synchronized (shared.monitor) {
            return ++shared.counter;
        }
    }

    @Benchmark
    public long reentrantLock() {
        lock.lock();
        try {
            return ++counter;
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public long atomicIncrement() {
        return atomic.incrementAndGet();
    }

    @Benchmark
    public Thread threadStartJoin() throws InterruptedException {
        Thread t = new Thread(EMPTY);
        t.start();
        t.join();
        return t;
    }

    /**
     * A tree of 64 fork-join tasks on the common pool: each forks one half, computes the other and joins.
     * In {@code threads=ordered} each task's run is a logical thread of its own (named when queued,
     * switched to and from at its run): this is what that costs per tree.
     */
    @Benchmark
    public int forkJoinTree() {
        return java.util.concurrent.ForkJoinPool.commonPool().invoke(new Halves(64));
    }

    static final class Halves extends java.util.concurrent.RecursiveTask<Integer> {
        private final int n;

        Halves(int n) {
            this.n = n;
        }

        @Override
        protected Integer compute() {
            if (n <= 1) {
                return 1;
            }
            Halves left = new Halves(n / 2);
            left.fork();
            int right = new Halves(n - n / 2).compute();
            return left.join() + right;
        }
    }

    /** The same methods, recorded by the agent in the forked JVM with {@code threads=free}: the captures alone. */
    @Fork(value = 1, jvmArgsAppend = {
        "-javaagent:recorder/target/airlock-recorder.jar=journal=target/bench-journals/%p,buffer-mb=256,threads=free"})
    public static class Recorded extends IoAndLocksBenchmark {
    }

    /**
     * The same methods recorded with {@code threads=serial}: every method entry and back-edge of the
     * benchmark (and of JMH's loop around it) is a scheduling point, monitors are the scheduler's, and
     * the contended group's two threads take turns.
     */
    @Fork(value = 1, jvmArgsAppend = {
        "-javaagent:recorder/target/airlock-recorder.jar=journal=target/bench-journals/%p,buffer-mb=256,threads=serial"})
    public static class RecordedSerial extends IoAndLocksBenchmark {
    }

    /**
     * The same methods recorded with {@code threads=ordered}: every monitor entry, lock, atomic access and
     * volatile read is a numbered turn written to the journal (JMH's own loop reads a volatile flag each
     * round: one more turn per operation).
     */
    @Fork(value = 1, jvmArgsAppend = {
        "-javaagent:recorder/target/airlock-recorder.jar=journal=target/bench-journals/%p,buffer-mb=256,threads=ordered"})
    public static class RecordedOrdered extends IoAndLocksBenchmark {
    }
}
