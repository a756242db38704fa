package dev.airlock.replayer.agent;

import dev.airlock.format.StreamPayloads;
import dev.airlock.recorder.runtime.RuntimeSites;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The child process a replay hands the program instead of starting one: its stdout and stderr deliver
 * the recorded reads, waitFor and friends return the recorded answers, and what the program writes to
 * its stdin is compared with the recording and dropped. Nothing is executed on this machine.
 */
final class ReplayedProcess extends Process {

    private final ReplaySink sink;
    private final long pid;
    private final String command;
    private final InputStream stdout = new Input(StreamPayloads.STDOUT);
    private final InputStream stderr = new Input(StreamPayloads.STDERR);
    private final OutputStream stdin = new Output();
    private volatile int exitCode = -1;

    ReplayedProcess(ReplaySink sink, long pid, String command) {
        this.sink = sink;
        this.pid = pid;
        this.command = command;
    }

    @Override
    public OutputStream getOutputStream() {
        return stdin;
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    @Override
    public int waitFor() throws InterruptedException {
        passTurn();
        StreamPayloads.Outcome o = waited('w', "waitFor");
        if (o.failed()) {
            throw RecordedFailure.interrupted(o);
        }
        exitCode = (int) o.value();
        return exitCode;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        passTurn();
        StreamPayloads.Outcome o = waited('t', "waitFor(timeout)");
        if (o.failed()) {
            throw RecordedFailure.interrupted(o);
        }
        return o.value() != 0;
    }

    @Override
    public int exitValue() {
        StreamPayloads.Outcome o = waited('e', "exitValue");
        if (o.failed()) {
            throw RecordedFailure.runtimeException(o);
        }
        exitCode = (int) o.value();
        return exitCode;
    }

    @Override
    public boolean isAlive() {
        return waited('l', "isAlive").value() != 0;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public void destroy() {
    }

    @Override
    public Process destroyForcibly() {
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public ProcessHandle toHandle() {
        throw new UnsupportedOperationException("a replayed child process (" + command + ") has no process handle");
    }

    @Override
    public String toString() {
        return "ReplayedProcess[pid=" + pid + ", exitValue=" + (exitCode < 0 ? "\"not exited\"" : exitCode) + "]";
    }

    /**
     * Where the recorded program may have waited for its child (a read, a skip, a write, a waitFor), its
     * serial turn passed: it passes here too, so the replayed schedule lines up with the recorded one.
     */
    private static void passTurn() {
        dev.airlock.bridge.Turns.blocking();
        dev.airlock.bridge.Turns.unblocked();
    }

    private StreamPayloads.Outcome waited(char op, String asked) {
        byte[] p = sink.expectPayload(RuntimeSites.PROCESS_WAIT_REF, asked, r -> r[0] == op);
        return p == null ? new StreamPayloads.Outcome(0, null, null) : StreamPayloads.waitOutcome(p);
    }

    /** The recorded stdout or stderr of the child, read by read. */
    private final class Input extends InputStream {
        private final byte stream;
        private final String name;

        Input(byte stream) {
            this.stream = stream;
            this.name = stream == StreamPayloads.STDOUT ? "stdout" : "stderr";
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            passTurn();
            if (len == 0) {
                byte[] p = next('r', "read of 0 bytes");
                return p == null ? 0 : Math.max(0, p.length - 2);
            }
            byte[] p = next('r', "read of up to " + len + " bytes");
            if (p == null || StreamPayloads.isEof(p)) {
                return -1;
            }
            if (p[1] == 'x') {
                throw RecordedFailure.ioException(StreamPayloads.readOutcome(p));
            }
            int n = p.length - 2;
            if (n > len) {
                throw new IOException("replay: the recording read " + n + " bytes here, the program asks for " + len);
            }
            System.arraycopy(p, 2, b, off, n);
            return n;
        }

        @Override
        public int available() {
            byte[] p = next('a', "available()");
            return p == null ? 0 : (int) StreamPayloads.readOutcome(p).value();
        }

        @Override
        public long skip(long n) {
            passTurn();
            byte[] p = next('s', "skip(" + n + ")");
            return p == null ? 0 : StreamPayloads.readOutcome(p).value();
        }

        @Override
        public void close() {
        }

        private byte[] next(char op, String asked) {
            return sink.expectPayload(RuntimeSites.PROCESS_READ_REF, name + " " + asked,
                p -> p[0] == stream && (p[1] == op || (op == 'r' && p[1] == 'x')));
        }
    }

    /** The child's stdin: writes are compared with the recorded length and CRC-32C, then dropped. */
    private final class Output extends OutputStream {

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            CRC32C crc = new CRC32C();
            crc.update(b, off, len);
            byte[] mine = StreamPayloads.written(len, (int) crc.getValue());
            sink.expectPayload(RuntimeSites.PROCESS_WRITE_REF, StreamPayloads.describe(
                dev.airlock.format.EventKind.PROCESS_WRITE, mine), r -> java.util.Arrays.equals(r, mine));
            passTurn();
        }
    }
}
