package dev.airlock.replayer.agent;

import dev.airlock.bridge.ProcessLauncher;
import dev.airlock.format.StreamPayloads;

import dev.airlock.bridge.Sink;
import dev.airlock.format.CallSite;
import dev.airlock.format.Event;
import dev.airlock.format.EventKind;
import dev.airlock.format.JournalReader;
import dev.airlock.format.PayloadCodec;
import dev.airlock.format.SiteRef;
import dev.airlock.recorder.agent.AgentLog;
import dev.airlock.recorder.instrument.AirlockTransformer;
import dev.airlock.recorder.runtime.AppThreads;
import dev.airlock.recorder.runtime.ExitState;
import dev.airlock.recorder.runtime.OutputDigest;
import dev.airlock.recorder.runtime.RuntimeSites;
import dev.airlock.recorder.runtime.ThreadStates;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The replay runtime behind the bridge: each application thread gets the next event of the recorded
 * thread with the same path, checks that kind and call site are the ones it asks for, and returns the
 * recorded value. The first mismatch stops the program and is reported with both call sites.
 */
final class ReplaySink implements Sink, AirlockTransformer.AgentSection {

    private final JournalIndex index;
    private final ReplaySiteRegistry sites;
    private final ReplayStop stop;
    private final ExitState exit;
    private final OutputDigest stdout = new OutputDigest();
    private final OutputDigest stderr = new OutputDigest();
    /** Every application thread's state, and every logical thread's (task run's) that has recorded events. */
    private final java.util.Queue<ReplayThread> all = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ThreadStates<ReplayThread> threads;
    private final ReplayedFiles files;
    private final ReplayedChannels channels;
    private volatile boolean shuttingDown;

    private final boolean keepConsoleBytes;
    /** {@code --stop-at EVENT}: that event's thread id and sequence, or null. */
    private final long[] stopAt;

    ReplaySink(JournalIndex index, JournalReader root, ReplaySiteRegistry sites, ReplayStop stop, Thread mainThread,
               boolean keepConsoleBytes, dev.airlock.recorder.runtime.FileScope files) {
        this.files = new ReplayedFiles(this, files);
        this.channels = new ReplayedChannels(this);
        this.index = index;
        this.keepConsoleBytes = keepConsoleBytes;
        this.sites = sites;
        this.stop = stop;
        this.exit = new ExitState(mainThread);
        this.stopAt = ReplayStopPoint.armedAtEvent() < 0 ? null : index.threadEvent(ReplayStopPoint.armedAtEvent());
        this.threads = new ThreadStates<>(ReplayThread::new, mainThread, (t, thread) -> {
            t.recorded = index.threadsByPath.get(t.path);
            if (t.recorded != null) {
                t.cursor = new EventCursor(root.fork(), index.blocksByThread.getOrDefault(t.recorded.id(), List.of()));
            }
            if (t.recorded != null || !t.logical()) {
                all.add(t);
            }
        });
    }

    private ReplayThread current() {
        return threads.current();
    }

    /** The threads' states, which fork-join task runs switch (see {@code TaskThreads}). */
    dev.airlock.recorder.runtime.LogicalThreads logicalThreads() {
        return threads;
    }

    /** The calling thread's state, for the serial scheduler. */
    dev.airlock.recorder.runtime.ThreadState threadState() {
        return threads.current();
    }

    /** The serial schedule was not followed: stops the replay like any other divergence. */
    void scheduleDiverged(String thread, String expected, String actual, String message) {
        current().agentDepth++;
        stop.diverged(thread, -1, -1, expected, actual + appFrame(), message);
    }

    @Override
    public void enter() {
        threads.enter();
    }

    @Override
    public void exit() {
        threads.exit();
    }

    /**
     * The recorded event for this request, or null when replay is past the recording during shutdown
     * (the caller then uses the live value). Does not return on a divergence.
     */
    private Event expect(ReplayThread t, int ref) {
        return expect(t, ref, ref);
    }

    /** As {@link #expect(ReplayThread, int)}, where the recording may hold either of two events. */
    private Event expect(ReplayThread t, int ref, int otherRef) {
        t.agentDepth++;
        try {
            Event e = t.cursor == null ? null : t.cursor.next();
            if (e == null) {
                return pastEnd(t, ref);
            }
            if (!isFor(e, ref) && !isFor(e, otherRef)) {
                diverge(t, t.cursor.sequence(), describe(e.kind(), e.site()), describe(ref),
                    "the program asked for a different value than the recording holds next");
            }
            if (stopAt != null && t.recorded != null && t.recorded.id() == stopAt[0] && t.cursor.sequence() == stopAt[1]) {
                ReplayStopPoint.reach("event " + ReplayStopPoint.armedAtEvent() + ", " + describe(ref));
            }
            return e;
        } finally {
            t.agentDepth--;
        }
    }

    private static boolean isFor(Event e, int ref) {
        return e.kind().code() == SiteRef.kindCode(ref) && e.site() == SiteRef.site(ref);
    }

    private Event pastEnd(ReplayThread t, int ref) {
        long seq = t.cursor == null ? 0 : t.cursor.consumed();
        if (shuttingDown || exit.exitCalled()) {
            return null;
        }
        String stopped = index.end == null ? null : index.end.get("recording.stopped");
        if (!index.sealed() || stopped != null) {
            t.agentDepth++;
            stop.endOfRecording(t.path, seq, describe(ref), stopped != null ? "recording was stopped: " + stopped
                : index.damage);
        } else if (t.recorded != null && Thread.currentThread().isDaemon()) {
            // In the recording this daemon thread got no further before the JVM ended: hold it here until
            // the replay ends too, rather than let it run on with values nobody recorded.
            AgentLog.info("daemon thread " + t.path + " reached the end of its recorded events; held until exit");
            while (!shuttingDown && !exit.exitCalled()) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
            }
            return null;
        } else if (t.recorded == null) {
            diverge(t, 0, "no events (the recorded thread " + t.path + " recorded none)", describe(ref),
                "a thread asked for a value the recording never had");
        } else {
            diverge(t, seq, "end of this thread's recorded events", describe(ref),
                "the thread asked for more values than were recorded");
        }
        return null;
    }

    private void diverge(ReplayThread t, long seq, String expected, String actual, String message) {
        t.agentDepth++;
        long global = t.recorded == null ? -1 : index.globalIndex(t.recorded.id(), seq);
        stop.diverged(t.path, seq, global, expected, actual + appFrame(), message);
    }

    private String describe(EventKind kind, int site) {
        CallSite s = index.sitesById.get(site);
        if (s == null) {
            s = sites.freshSite(site);
        }
        return kind.label() + " at " + (s == null ? "unknown call site #" + site : s.describe());
    }

    private String describe(int ref) {
        EventKind kind = EventKind.ofCode(SiteRef.kindCode(ref));
        return describe(kind, SiteRef.site(ref));
    }

    /** For JDK-internal sites, the first application frame that led there. */
    private static String appFrame() {
        for (StackTraceElement f : new Throwable().getStackTrace()) {
            String c = f.getClassName();
            if (!isAirlock(c) && !c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                return " (called from " + f + ")";
            }
        }
        return "";
    }

    private static boolean isAirlock(String className) {
        return className.startsWith("dev.airlock.bridge.") || className.startsWith("dev.airlock.recorder.")
            || className.startsWith("dev.airlock.replayer.") || className.startsWith("dev.airlock.format.");
    }

    @Override
    public long onLong(long value, int ref) {
        ReplayThread t = current();
        if (!t.replaying()) {
            return value;
        }
        Event e = expect(t, ref);
        return e == null ? value : e.longValue();
    }

    /**
     * {@code threads=ordered}: the thread's next recorded turn on the object with this recorded id (0
     * when the object has none yet): from the run under way on it, else the next event, a single turn
     * or the first of a run. 0 when the thread is not replaying or, at shutdown, the recording has no more.
     */
    long nextTurn(int objectId, int turnRef, int runRef) {
        ReplayThread t = current();
        if (!t.replaying()) {
            return 0;
        }
        long turn = t.runs.take(objectId);
        if (turn != 0) {
            return turn;
        }
        Event e = expect(t, turnRef, runRef);
        if (e == null) {
            return 0;
        }
        if (e.kind() == EventKind.SYNC_RUN && !t.runs.begin(e.longValue(), e.count())) {
            diverge(t, t.cursor.sequence(), "at most 4 runs of turns under way", "one more",
                "the thread started more runs of turns at once than the recorder keeps");
        }
        return e.longValue();
    }

    @Override
    public int onInt(int value, int ref) {
        ReplayThread t = current();
        if (!t.replaying()) {
            return value;
        }
        Event e = expect(t, ref);
        return e == null ? value : (int) e.longValue();
    }

    @Override
    public double onDouble(double value, int ref) {
        ReplayThread t = current();
        if (!t.replaying()) {
            return value;
        }
        Event e = expect(t, ref);
        return e == null ? value : e.doubleValue();
    }

    @Override
    public Object onObject(Object value, int ref) {
        ReplayThread t = current();
        if (!t.replaying()) {
            return value;
        }
        Event e = expect(t, ref);
        if (e == null) {
            return value;
        }
        t.agentDepth++;
        try {
            switch (e.kind()) {
                case INSTANT:
                    return Instant.ofEpochSecond(e.longValue(), e.nanos());
                case ENV_MAP:
                    return t.codec().map(e.bytes());
                case ENV_VAR:
                    return PayloadCodec.string(e.bytes());
                case SECURE_RANDOM_SEED:
                    return e.bytes() == null ? null : e.bytes().clone();
                default:
                    throw new IllegalStateException("no object decoding for " + e.kind());
            }
        } finally {
            t.agentDepth--;
        }
    }

    @Override
    public void onFilled(byte[] filled, int ref) {
        ReplayThread t = current();
        if (!t.replaying() || filled == null) {
            return;
        }
        Event e = expect(t, ref);
        if (e == null) {
            return;
        }
        byte[] recorded = e.bytes();
        if (recorded == null || recorded.length != filled.length) {
            diverge(t, t.cursor.sequence(), recorded == null ? "null" : recorded.length + " random bytes",
                filled.length + " random bytes", "a random-bytes request has another size than recorded");
        }
        System.arraycopy(recorded, 0, filled, 0, filled.length);
    }

    @Override
    public StackTraceElement[] threadStack(Thread thread, int ref) {
        ReplayThread t = current();
        if (!t.replaying() || thread == Thread.currentThread()) {
            return thread.getStackTrace();
        }
        Event e = expect(t, ref);
        if (e == null) {
            return dev.airlock.bridge.AgentFrames.withoutAgent(thread.getStackTrace());
        }
        java.util.List<dev.airlock.format.ThreadStacks.Stack> stacks = dev.airlock.format.ThreadStacks.decode(e.bytes());
        return stacks.isEmpty() ? new StackTraceElement[0] : stacks.get(0).frames();
    }

    @Override
    public int activeCount() {
        return AppThreads.activeCount();
    }

    @Override
    public long threadLocalSeed(long seeder, int ref) {
        ReplayThread t = current();
        if (t.makesRandomSeed()) {
            return t.randomSeed(0); // whether or not inside agent code: the seed must not depend on where
        }
        if (!t.replaying()) {
            return t.uncapturedRandomSeed(seeder);
        }
        return t.randomSeed(onLong(dev.airlock.bridge.Hooks.mixSeed(seeder), ref));
    }

    @Override
    public long randomThreadId(Thread thread) {
        return current().randomThreadId(thread);
    }

    @Override
    public Thread.State stateOf(Thread thread, int ref) {
        ReplayThread t = current();
        if (!t.replaying() || thread == Thread.currentThread()) {
            return thread.getState();
        }
        Event e = expect(t, ref);
        Thread.State[] states = Thread.State.values();
        return e == null || e.longValue() < 0 || e.longValue() >= states.length ? thread.getState()
            : states[(int) e.longValue()];
    }

    /**
     * The recorded stacks, each given to the live thread of the same name (the first not yet given one):
     * replay names threads as the recording did. A recorded thread with no live namesake is left out.
     */
    @Override
    public java.util.Map<Thread, StackTraceElement[]> allThreadStacks(int ref) {
        ReplayThread t = current();
        if (!t.replaying()) {
            return Thread.getAllStackTraces();
        }
        Event e = expect(t, ref);
        java.util.Map<Thread, StackTraceElement[]> all = new java.util.HashMap<>();
        if (e == null) {
            return all;
        }
        t.agentDepth++;
        try {
            java.util.List<Thread> live = new java.util.ArrayList<>();
            for (Thread th : Thread.getAllStackTraces().keySet()) {
                if (!AppThreads.isAgent(th)) {
                    live.add(th);
                }
            }
            for (dev.airlock.format.ThreadStacks.Stack s : dev.airlock.format.ThreadStacks.decode(e.bytes())) {
                for (java.util.Iterator<Thread> it = live.iterator(); it.hasNext(); ) {
                    Thread th = it.next();
                    if (th.getName().equals(s.thread())) {
                        all.put(th, s.frames());
                        it.remove();
                        break;
                    }
                }
            }
        } finally {
            t.agentDepth--;
        }
        return all;
    }

    @Override
    public InetAddress localHost(int ref) throws UnknownHostException {
        ReplayThread t = current();
        if (!t.replaying()) {
            return InetAddress.getLocalHost();
        }
        Event e = expect(t, ref);
        if (e == null) {
            return InetAddress.getLoopbackAddress();
        }
        return PayloadCodec.host(e.bytes());
    }

    @Override
    public void threadStarting(Thread child) {
        ReplayThread t = current();
        boolean replaying = t.replaying();
        if (replaying && threads.startsApplicationThread(child)) {
            expect(t, RuntimeSites.THREAD_START_REF);
        }
        t.agentDepth++;
        try {
            threads.childStarting(t, child, replaying);
        } finally {
            t.agentDepth--;
        }
    }

    @Override
    public void mainStarting(String[] args) {
    }

    @Override
    public void exiting(int status) {
        exit.exiting(status);
        if (ReplayStopPoint.armedAtExit() && current().replaying()) {
            ReplayStopPoint.reach("System.exit(" + status + ")");
        }
    }

    @Override
    public void uncaught(Thread thread, Throwable error) {
        exit.uncaught(thread);
        AgentLog.info("uncaught exception on " + thread.getName() + ": " + error + " at "
            + (error.getStackTrace().length > 0 ? error.getStackTrace()[0] : "?"));
    }

    @Override
    public void output(int fd, byte[] bytes, int offset, int length) {
        ReplayThread t = current();
        if (!t.replaying()) {
            return;
        }
        (fd == 1 ? stdout : stderr).update(bytes, offset, length);
        Event e = expect(t, fd == 1 ? RuntimeSites.STDOUT_REF : RuntimeSites.STDERR_REF);
        if (e == null) {
            return;
        }
        byte[] recorded = e.bytes();
        boolean same = keepConsoleBytes ? Arrays.equals(recorded, 0, recorded.length, bytes, offset, offset + length)
            : Arrays.equals(recorded, t.consoleCheck(bytes, offset, length));
        if (!same) {
            diverge(t, t.cursor.sequence(), (fd == 1 ? "stdout" : "stderr") + " write of " + Snippet.of(recorded, 0,
                recorded.length), (fd == 1 ? "stdout" : "stderr") + " write of " + Snippet.of(bytes, offset, length),
                "the program wrote other bytes than the recording");
        }
    }

    @Override
    public Process startProcess(String[] command, Map<String, String> environment, String directory,
                                ProcessBuilder.Redirect[] redirects, boolean redirectErrorStream, int ref)
        throws java.io.IOException {
        ReplayThread t = current();
        if (!t.replaying()) {
            return ProcessLauncher.launch(command, environment, directory, redirects, redirectErrorStream);
        }
        String line = String.join(" ", command);
        Event e = expect(t, ref);
        if (e == null) {
            throw new java.io.IOException("replay: no child process was recorded here (" + line + ")");
        }
        byte[] p = e.bytes();
        String recorded = StreamPayloads.startCommand(p);
        if (!recorded.equals(line)) {
            diverge(t, t.cursor.sequence(), "process.start of '" + recorded + "'", "process.start of '" + line + "'",
                "the program started another command than the recording");
        }
        StreamPayloads.Outcome o = StreamPayloads.startOutcome(p);
        if (o.failed()) {
            throw RecordedFailure.ioException(o);
        }
        return new ReplayedProcess(this, o.value(), line);
    }

    @Override
    public InetAddress[] resolve(String host, dev.airlock.bridge.HostResolver.Lookup lookup, int ref)
        throws UnknownHostException {
        ReplayThread t = current();
        if (!t.replaying()) {
            return lookup.run();
        }
        Event e = expect(t, ref);
        if (e == null) {
            throw new UnknownHostException(host + ": replay resolves no host names past the recording");
        }
        String recorded = PayloadCodec.hostsQuery(e.bytes());
        if (!recorded.equals(host == null ? "" : host)) {
            diverge(t, t.cursor.sequence(), "net.resolve of '" + recorded + "'", "net.resolve of '" + host + "'",
                "the program resolved another host name than the recording");
        }
        try {
            return PayloadCodec.hosts(e.bytes());
        } catch (java.net.UnknownHostException failure) {
            throw RecordedFailure.asThrownByTheJdk(failure);
        }
    }

    @Override
    public long socket(Object impl, int op, byte[] b, int off, int len, java.net.SocketAddress address, int timeout,
                       int ref) throws java.io.IOException {
        ReplayThread t = current();
        if (!t.replaying()) {
            return dev.airlock.bridge.SocketNatives.call(impl, op, b, off, len, address, timeout);
        }
        if (op == 'c') {
            Event e = expect(t, ref);
            if (e == null) {
                throw new java.net.ConnectException("replay: no connection past the recording");
            }
            String recorded = StreamPayloads.startCommand(e.bytes());
            String asked = String.valueOf(address);
            if (!recorded.equals(asked)) {
                diverge(t, t.cursor.sequence(), "net.connect to " + recorded, "net.connect to " + asked,
                    "the program connected somewhere else than the recording");
            }
            StreamPayloads.Outcome o = StreamPayloads.startOutcome(e.bytes());
            if (o.failed()) {
                throw RecordedFailure.ioException(o);
            }
            return 0;
        }
        if (op == 'w') {
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(b, off, len);
            byte[] mine = StreamPayloads.socketWrite(len, (int) crc.getValue());
            byte[] p = expectPayload(ref, "write of " + StreamPayloads.describe(EventKind.NET_WRITE, mine),
                r -> r[1] == 'x' || Arrays.equals(r, mine));
            if (p != null && p[1] == 'x') {
                throw RecordedFailure.ioException(StreamPayloads.readOutcome(p));
            }
            return len;
        }
        String asked = op == 'r' ? "read of up to " + len + " bytes" : "available()";
        byte[] p = expectPayload(ref, "socket " + asked, r -> r[0] == StreamPayloads.SOCKET
            && (r[1] == op || r[1] == 'x' || (op == 'r' && r[1] == StreamPayloads.PART)));
        return delivered(t, ref, op, p, b, off, len, "net.read " + asked);
    }

    /**
     * What a recorded stream operation returns: the bytes copied into {@code b} for a read (EOF as -1),
     * the value for the others, or the recorded exception thrown. Null {@code p} is past the recording.
     * A read kept as parts takes the events that continue it at the same site ({@code ref}).
     */
    long delivered(int ref, int op, byte[] p, byte[] b, int off, int len, String asked) throws java.io.IOException {
        return delivered(current(), ref, op, p, b, off, len, asked);
    }

    private long delivered(ReplayThread t, int ref, int op, byte[] p, byte[] b, int off, int len, String asked)
        throws java.io.IOException {
        if (p == null) {
            return op == 'r' || op == 'b' ? -1 : 0;
        }
        if (p[1] == 'x') {
            throw RecordedFailure.ioException(StreamPayloads.readOutcome(p));
        }
        if (op != 'r') {
            return StreamPayloads.readOutcome(p).value();
        }
        if (StreamPayloads.isEof(p)) {
            return -1;
        }
        return readParts(t, ref, p, dev.airlock.recorder.runtime.BufferRange.of(java.nio.ByteBuffer.wrap(b, off, len), 0, 0),
            asked);
    }

    /**
     * Like {@link #delivered(int, int, byte[], byte[], int, int, String)} for a read into {@code range}:
     * the bytes put into the buffers, EOF as -1, or the recorded exception thrown.
     */
    long filled(int ref, byte[] p, dev.airlock.recorder.runtime.BufferRange range, String asked)
        throws java.io.IOException {
        if (p == null) {
            return -1;
        }
        if (p[1] == 'x') {
            throw RecordedFailure.ioException(StreamPayloads.readOutcome(p));
        }
        if (p[1] == 'R') {
            return StreamPayloads.readOutcome(p).value();
        }
        if (StreamPayloads.isEof(p)) {
            return -1;
        }
        return readParts(current(), ref, p, range, asked);
    }

    /** Puts a recorded read, and the parts that continue it at the same site, into {@code range}. */
    private long readParts(ReplayThread t, int ref, byte[] first, dev.airlock.recorder.runtime.BufferRange range,
                           String asked) {
        byte[] p = first;
        long at = 0;
        while (true) {
            int n = p.length - 2;
            if (n > range.remaining()) {
                diverge(t, t.cursor.sequence(), "a read of " + (at + n) + " bytes or more", asked,
                    "the program reads in smaller pieces than the recording");
            }
            range.fill(p, 2);
            at += n;
            if (!StreamPayloads.isPart(p)) {
                return at;
            }
            p = restOfRead(ref, p[0], asked);
            if (p == null) {
                return at;
            }
        }
    }

    /** The event that continues a read kept as parts: the next part, or its last. */
    private byte[] restOfRead(int ref, byte stream, String asked) {
        return expectPayload(ref, "the rest of a " + asked, r -> r[0] == stream && (r[1] == 'r' || r[1] == StreamPayloads.PART));
    }

    @Override
    public long serverSocket(Object impl, int op, Object arg, int number, int ref) throws java.io.IOException {
        ReplayThread t = current();
        if (!t.replaying()) {
            return dev.airlock.bridge.SocketNatives.server(impl, op, arg, number);
        }
        Event e = expect(t, ref);
        if (e == null) {
            throw new java.net.SocketException("replay: no connection past the recording");
        }
        byte[] p = e.bytes();
        String recorded = StreamPayloads.startCommand(p);
        StreamPayloads.Outcome o = StreamPayloads.startOutcome(p);
        if (op != 'A') {
            String asked = op == 'b' ? "bind " + arg + ":" + number : "listen " + number;
            if (!recorded.equals(asked)) {
                diverge(t, t.cursor.sequence(), "net.bind " + recorded, "net.bind " + asked,
                    "the program bound another address than the recording");
            }
        }
        if (o.failed()) {
            throw RecordedFailure.ioException(o);
        }
        if (op == 'b') {
            dev.airlock.bridge.SocketNatives.stage(impl, false, null, 0, (int) o.value());
        } else if (op == 'A') {
            int space = recorded.lastIndexOf(' ');
            java.net.InetAddress remote = java.net.InetAddress.getByName(recorded.substring(0, space));
            dev.airlock.bridge.SocketNatives.stage(arg, true, remote, Integer.parseInt(recorded.substring(space + 1)),
                (int) o.value());
        }
        return o.value();
    }

    @Override
    public long stdin(java.io.FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref)
        throws java.io.IOException {
        ReplayThread t = current();
        if (!t.replaying()) {
            return dev.airlock.bridge.FileInputNatives.call(in, op, b, off, len, arg);
        }
        String asked = op == 'r' ? "read of up to " + len + " bytes" : "operation " + (char) op;
        byte[] p = expectPayload(ref, "stdin " + asked, r -> r[0] == StreamPayloads.STDIN
            && (r[1] == op || r[1] == 'x'));
        return delivered(t, ref, op, p, b, off, len, "console.stdin " + asked);
    }

    /**
     * The next recorded payload of this thread for a runtime event {@code ref}, checked by {@code matches}
     * (for example: the same stream and operation); diverges, naming {@code asked}, when it is not that.
     * Null only when replay is past the recording during shutdown.
     */
    byte[] expectPayload(int ref, String asked, java.util.function.Predicate<byte[]> matches) {
        ReplayThread t = current();
        Event e = expect(t, ref);
        if (e == null) {
            return null;
        }
        byte[] p = e.bytes();
        if (!matches.test(p)) {
            diverge(t, t.cursor.sequence(), e.kind().label() + " " + StreamPayloads.describe(e.kind(), p),
                e.kind().label() + " " + asked, "the program asked a stream for something else than the recording holds next");
        }
        return p;
    }

    /** The calling thread's next recorded event for {@code ref}; see {@link #expect(ReplayThread, int)}. */
    Event expectHere(int ref) {
        return expect(current(), ref);
    }

    /** Whether the calling thread's recording, complete and sealed, has no event left for it. */
    boolean recordingOverHere() {
        ReplayThread t = current();
        return index.sealed() && t.recorded != null && t.cursor != null
            && t.cursor.consumed() >= index.eventsByThread.getOrDefault(t.recorded.id(), 0L);
    }

    /** Stops the replay at the calling thread's current event. */
    void divergeHere(String expected, String actual, String message) {
        ReplayThread t = current();
        diverge(t, t.cursor == null ? 0 : t.cursor.sequence(), expected, actual, message);
    }

    /** Runs agent work on an application thread: nothing it does is replayed. */
    <T> T agentWork(java.util.function.Supplier<T> work) {
        ReplayThread t = current();
        t.agentDepth++;
        try {
            return work.get();
        } finally {
            t.agentDepth--;
        }
    }

    /** Whether the calling thread replays (an application thread with a recording). */
    boolean replayingHere() {
        return current().replaying();
    }

    void shuttingDown() {
        shuttingDown = true;
    }

    ExitState exitState() {
        return exit;
    }

    OutputDigest stdout() {
        return stdout;
    }

    OutputDigest stderr() {
        return stderr;
    }

    /** Events replayed so far, over all threads. */
    long replayed() {
        long n = 0;
        for (ReplayThread t : all) {
            n += (t.cursor == null ? 0 : t.cursor.consumed()) + t.runs.taken;
        }
        return n;
    }

    /** The first recorded thread with events left, described, or null when everything was replayed. */
    String leftOver() {
        Map<Integer, Long> consumed = new java.util.HashMap<>();
        Map<Integer, ReplayThread> byId = new java.util.HashMap<>();
        for (ReplayThread t : all) {
            if (t.recorded != null && t.cursor != null) {
                consumed.put(t.recorded.id(), t.cursor.consumed());
                byId.put(t.recorded.id(), t);
            }
        }
        for (Map.Entry<Integer, Long> e : index.eventsByThread.entrySet()) {
            if (index.threadsById.get(e.getKey()).path().equals(dev.airlock.recorder.runtime.RecordedTurns.SCHEDULE_PATH)) {
                continue; // the schedule's tail after the last thread ended is the shutdown's
            }
            long done = consumed.getOrDefault(e.getKey(), 0L);
            if (done < e.getValue() && !onlyIdleSelects(byId.get(e.getKey()))) {
                String path = index.threadsById.get(e.getKey()).path();
                return path + ": " + (e.getValue() - done) + " of " + e.getValue() + " recorded events were not replayed";
            }
            ReplayThread t = byId.get(e.getKey());
            if (t != null && t.runs.left() > 0) {
                return t.path + ": " + t.runs.left() + " recorded turns of its last runs of turns were not replayed";
            }
        }
        return null;
    }

    /**
     * Whether all that is left of a thread's recording is selector waits that reported nothing but
     * wake-ups: how many idle waits a selecting thread makes before it notices a shutdown another
     * thread started is a matter of timing, and those waits gave the program no input.
     */
    private static boolean onlyIdleSelects(ReplayThread t) {
        if (t == null) {
            return false;
        }
        for (Event e = t.cursor.next(); e != null; e = t.cursor.next()) {
            if (e.kind() != EventKind.NET_SELECT) {
                return false;
            }
            byte[] p = e.bytes();
            if (p.length > 1 && p[1] == 'd'
                && StreamPayloads.readOutcome(p).value() != dev.airlock.recorder.runtime.RecordedChannels.WAKE_UP) {
                return false;
            }
        }
        log("thread " + t.path + " ended before its last selector waits, which reported only wake-ups");
        return true;
    }

    static void log(String message) {
        AgentLog.info(message);
    }

    @Override
    public void openFile(Object stream, String name, int how, int ref) throws java.io.FileNotFoundException {
        files.openFile(stream, name, how, ref);
    }

    @Override
    public int openFileChannel(Object path, int flags, int mode, int ref) throws Exception {
        return files.openFileChannel(path, flags, mode, ref);
    }

    @Override
    public long fileStream(java.io.FileInputStream in, int op, byte[] b, int off, int len, long arg, int ref)
        throws java.io.IOException {
        return files.fileStream(in, op, b, off, len, arg, ref);
    }

    @Override
    public void fileWrite(java.io.FileOutputStream out, byte[] b, int off, int len, int oneByte, boolean append, int ref)
        throws java.io.IOException {
        files.fileWrite(out, b, off, len, oneByte, append, ref);
    }

    @Override
    public long fileChannel(int op, Object nd, java.io.FileDescriptor fd, Object buffers, int off, int len,
                            long position, boolean direct, int alignment, int ref) throws java.io.IOException {
        return files.fileChannel(op, nd, fd, buffers, off, len, position, direct, alignment, ref);
    }

    @Override
    public long path(int op, Object path, Object attributes, int arg, int ref) throws Exception {
        return files.path(op, path, attributes, arg, ref);
    }

    @Override
    public String pathText(int op, Object fs, Object path, int ref) throws Exception {
        return files.pathText(op, fs, path, ref);
    }

    @Override
    public long ioFile(int op, Object fs, java.io.File file, int arg, int ref) {
        return files.ioFile(op, fs, file, arg, ref);
    }

    @Override
    public long ioChange(int op, Object fs, java.io.File file, Object arg, int ref) throws java.io.IOException {
        return files.ioChange(op, fs, file, arg, ref);
    }

    @Override
    public String[] ioList(Object fs, java.io.File file, int ref) {
        return files.ioList(fs, file, ref);
    }

    @Override
    public java.nio.file.DirectoryStream<java.nio.file.Path> directory(java.nio.file.spi.FileSystemProvider provider,
        java.nio.file.Path dir, java.nio.file.DirectoryStream.Filter<? super java.nio.file.Path> filter, int ref)
        throws java.io.IOException {
        return files.directory(provider, dir, filter, ref);
    }

    @Override
    public long netChannel(int op, java.net.ProtocolFamily family, java.io.FileDescriptor fd, Object arg, int number,
                           int ref) throws java.io.IOException {
        return channels.netChannel(op, family, fd, arg, number, ref);
    }

    @Override
    public java.net.InetSocketAddress netLocalAddress(java.io.FileDescriptor fd, int ref) throws java.io.IOException {
        return channels.localAddress(fd, ref);
    }

    @Override
    public long netChannelData(int op, Object nd, java.io.FileDescriptor fd, Object buffers, int off, int len,
                               long position, int ref) throws java.io.IOException {
        return channels.data(op, nd, fd, buffers, off, len, position, ref);
    }

    @Override
    public long select(int op, int epfd, long address, int numfds, int timeout, int ref) throws java.io.IOException {
        return channels.select(op, epfd, address, numfds, timeout, ref);
    }

    @Override
    public void selectorWoken() {
        channels.woken();
    }

    @Override
    public long randomAccess(java.io.RandomAccessFile raf, int op, byte[] b, int off, int len, long arg, int ref)
        throws java.io.IOException {
        return files.randomAccess(raf, op, b, off, len, arg, ref);
    }

    @Override
    public int netNativeData(int op, Object nd, java.io.FileDescriptor fd, long address, int len, int ref)
        throws java.io.IOException {
        return channels.nativeData(op, nd, fd, address, len, ref);
    }

    @Override
    public int datagram(int op, java.io.FileDescriptor fd, long address, int len, long peer, int flag, int ref)
        throws java.io.IOException {
        return channels.datagram(op, fd, address, len, peer, flag, ref);
    }

    @Override
    public boolean leavesOpenFileAlone(int fd) {
        return replayingHere() && dev.airlock.bridge.FileMarks.marked(fd);
    }
}
