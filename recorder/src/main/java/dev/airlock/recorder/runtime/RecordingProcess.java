package dev.airlock.recorder.runtime;

import dev.airlock.format.StreamPayloads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * A child process as the recorded program sees it: the real one, with every value the program learns
 * from it journalled on the thread that learns it. What the child's stdout and stderr deliver is kept
 * read by read; what the program writes to its stdin is kept as length and CRC-32C, for the replay to
 * compare. Replay stands {@code ReplayedProcess} in its place and starts nothing.
 */
final class RecordingProcess extends Process {

    private final Process child;
    private final RecordingSink sink;
    private final InputStream stdout;
    private final InputStream stderr;
    private final OutputStream stdin;

    RecordingProcess(Process child, RecordingSink sink) {
        this.child = child;
        this.sink = sink;
        this.stdout = new Input(child.getInputStream(), StreamPayloads.STDOUT);
        this.stderr = new Input(child.getErrorStream(), StreamPayloads.STDERR);
        this.stdin = new Output(child.getOutputStream());
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
        int code;
        RecordingThread t = outside(true);
        try {
            code = child.waitFor();
        } catch (InterruptedException e) {
            back(t, true);
            waitFailed('w', e);
            throw e;
        }
        back(t, true);
        waited('w', code);
        return code;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        boolean ended;
        RecordingThread t = outside(true);
        try {
            ended = child.waitFor(timeout, unit);
        } catch (InterruptedException e) {
            back(t, true);
            waitFailed('t', e);
            throw e;
        }
        back(t, true);
        waited('t', ended ? 1 : 0);
        return ended;
    }

    /**
     * Starts real work on the child: agent work, so what the JDK does inside (its reads of the pipe, its
     * locks) is neither journalled nor scheduled, since a replay does none of it. Work that may wait for
     * the child ({@code blocks}) passes the serial turn first, as {@code ReplayedProcess} does at the same
     * calls, so both end the turn at the same point.
     */
    private RecordingThread outside(boolean blocks) {
        if (blocks) {
            dev.airlock.bridge.Turns.blocking();
        }
        RecordingThread t = sink.thread();
        t.agentDepth++;
        return t;
    }

    private static void back(RecordingThread t, boolean blocks) {
        t.agentDepth--;
        if (blocks) {
            dev.airlock.bridge.Turns.unblocked();
        }
    }

    @Override
    public int exitValue() {
        try {
            int code = child.exitValue();
            waited('e', code);
            return code;
        } catch (IllegalThreadStateException e) {
            waitFailed('e', e);
            throw e;
        }
    }

    @Override
    public boolean isAlive() {
        boolean alive = child.isAlive();
        waited('l', alive ? 1 : 0);
        return alive;
    }

    @Override
    public long pid() {
        return child.pid();
    }

    @Override
    public void destroy() {
        child.destroy();
    }

    @Override
    public Process destroyForcibly() {
        child.destroyForcibly();
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return child.supportsNormalTermination();
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return child.onExit().thenApply(p -> this);
    }

    @Override
    public ProcessHandle toHandle() {
        return child.toHandle();
    }

    @Override
    public String toString() {
        return child.toString();
    }

    private void waited(char op, long value) {
        sink.append(RuntimeSites.PROCESS_WAIT_REF, StreamPayloads.waited(op, value));
    }

    private void waitFailed(char op, Throwable e) {
        sink.append(RuntimeSites.PROCESS_WAIT_REF, StreamPayloads.waitFailed(op, e));
    }

    /** The child's stdout or stderr: each read journalled with the bytes it delivered. */
    private final class Input extends InputStream {
        private final InputStream in;
        private final byte stream;

        Input(InputStream in, byte stream) {
            this.in = in;
            this.stream = stream;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            RecordingThread t = outside(true);
            try {
                n = in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                back(t, true);
                sink.append(RuntimeSites.PROCESS_READ_REF, StreamPayloads.readFailed(stream, e));
                throw e;
            }
            back(t, true);
            sink.append(RuntimeSites.PROCESS_READ_REF, StreamPayloads.read(stream, b, off, n));
            return n;
        }

        @Override
        public int available() throws IOException {
            int n;
            RecordingThread t = outside(false);
            try {
                n = in.available();
            } finally {
                back(t, false);
            }
            sink.append(RuntimeSites.PROCESS_READ_REF, StreamPayloads.readValue(stream, 'a', n));
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped;
            RecordingThread t = outside(true);
            try {
                skipped = in.skip(n);
            } finally {
                back(t, true);
            }
            sink.append(RuntimeSites.PROCESS_READ_REF, StreamPayloads.readValue(stream, 's', skipped));
            return skipped;
        }

        @Override
        public void close() throws IOException {
            RecordingThread t = outside(false);
            try {
                in.close();
            } finally {
                back(t, false);
            }
        }
    }

    /** The child's stdin: each write passes through, journalled as its length and CRC-32C. */
    private final class Output extends OutputStream {
        private final OutputStream out;

        Output(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            CRC32C crc = new CRC32C();
            crc.update(b, off, len);
            sink.append(RuntimeSites.PROCESS_WRITE_REF, StreamPayloads.written(len, (int) crc.getValue()));
            RecordingThread t = outside(true);
            try {
                out.write(b, off, len);
            } finally {
                back(t, true);
            }
        }

        @Override
        public void flush() throws IOException {
            RecordingThread t = outside(false);
            try {
                out.flush();
            } finally {
                back(t, false);
            }
        }

        @Override
        public void close() throws IOException {
            RecordingThread t = outside(false);
            try {
                out.close();
            } finally {
                back(t, false);
            }
        }
    }
}
