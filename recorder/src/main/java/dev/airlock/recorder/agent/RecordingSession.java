package dev.airlock.recorder.agent;

import dev.airlock.bridge.Hooks;
import dev.airlock.bridge.Sink;
import dev.airlock.format.DocumentCipher;
import dev.airlock.format.Fields;
import dev.airlock.format.JournalSeal;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalFiles;
import dev.airlock.format.JournalWriter;
import dev.airlock.recorder.instrument.AirlockTransformer;
import dev.airlock.recorder.instrument.CapturePolicy;
import dev.airlock.recorder.runtime.AppThreads;
import dev.airlock.recorder.runtime.RecordingSink;
import dev.airlock.recorder.runtime.RecordingSiteRegistry;
import dev.airlock.recorder.runtime.ThreadRandomSeeds;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One recording: opens the journal, installs the recording runtime, and seals the journal at exit or
 * when recording is stopped early (by {@code airlock ctl}, a cap, or a journal that cannot be written),
 * after which the application runs on unrecorded.
 */
final class RecordingSession {

    private static volatile RecordingSession current;

    private final Path dir;
    private final Instrumentation inst;
    private final JournalWriter journal;
    private final RecordingSink sink;
    private final AirlockTransformer transformer;
    private final long startMillis = System.currentTimeMillis();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String stopReason;

    private final JournalSeal seal;
    private PolicyFile policy = PolicyFile.none();

    private RecordingSession(Path dir, Instrumentation inst, JournalWriter journal, RecordingSink sink,
                             AirlockTransformer transformer, JournalSeal seal) {
        this.seal = seal;
        this.dir = dir;
        this.inst = inst;
        this.journal = journal;
        this.sink = sink;
        this.transformer = transformer;
    }

    /** The operator's policy file this recording started with. */
    PolicyFile policy() {
        return policy;
    }

    /** The recording of this JVM, or null when none runs. */
    /** The serial scheduler, when {@code threads=serial}. */
    private dev.airlock.recorder.runtime.RecordedTurns turns;
    /** The ordered mode's recorder, when {@code threads=ordered}. */
    private dev.airlock.recorder.runtime.RecordedOrder order;

    static RecordingSession current() {
        return current;
    }

    static void start(AgentOptions options, Path dir, Instrumentation inst, JournalProtection protection)
        throws Exception {
        PolicyFile policy = PolicyFile.load(options.get("policy"));
        Fields header = HeaderFactory.create(options.raw());
        header.put(HeaderKeys.THREADS, options.threads());
        if (options.serialThreads()) {
            header.put(HeaderKeys.PREEMPT, options.preempt());
        }
        policy.describeIn(header);
        protection.describeIn(header);
        JournalWriter journal = JournalWriter.create(dir, header, options.bufferBytes(), options.flushMillis(),
            t -> {
                AgentLog.error("journal writer failed; recording stops", t);
                Audit.record(dir, "recording.failed", new Fields().put("error", t.toString()));
            });
        protection.applyTo(journal);
        journal.start();
        Audit.record(dir, "recording.started", new Fields()
            .put("command", header.get(HeaderKeys.COMMAND))
            .put("jvm.args", String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()))
            .put("agent.options", options.raw())
            .put("recording.id", header.get(HeaderKeys.RECORDING_ID))
            .put("policy.sha256", policy.sha256())
            .put("seal", protection.seal.algorithm())
            .put("encryption", protection.cipher == null ? "none" : DocumentCipher.ALGORITHM));
        Thread digester = new Thread(new ClasspathDigester(header.get(HeaderKeys.CLASS_PATH), journal,
            "true".equals(options.get("bundle")) ? dir : null),
            "airlock-classpath-digest");
        digester.setDaemon(true);
        digester.start();

        CapturePolicy capture = policy.capturePolicy();
        RecordingSink sink = new RecordingSink(journal, Thread.currentThread(), capture.keepsConsoleBytes(),
            dev.airlock.recorder.runtime.FileScope.ofThisJvm(dir));
        AirlockTransformer transformer = new AirlockTransformer(new RecordingSiteRegistry(journal),
            HeaderFactory.mainClassOf(header), sink, (name, t) -> AgentLog.error("left " + name + " unchanged", t),
            capture);
        RecordingSession session = new RecordingSession(dir, inst, journal, sink, transformer, protection.seal);
        if (options.serialThreads()) {
            session.turns = new dev.airlock.recorder.runtime.RecordedTurns(sink::threadState,
                journal.openShared(dev.airlock.recorder.runtime.RecordedTurns.SCHEDULE_PATH), options.quantum());
            dev.airlock.bridge.Turns.install(session.turns);
            new dev.airlock.recorder.runtime.IdentityHashes(sink::threadState).install(inst.getAllLoadedClasses());
            if (options.preempt().equals("memory")) {
                dev.airlock.recorder.instrument.CaptureRules.enableMemoryPoints();
            }
            dev.airlock.recorder.instrument.CaptureRules.enableSerialThreads();
            AgentLog.info("threads=serial, quantum " + options.quantum() + " points, preempt=" + options.preempt());
        } else if (options.orderedThreads()) {
            session.order = new dev.airlock.recorder.runtime.RecordedOrder(sink::threadState, sink.logicalThreads());
            dev.airlock.bridge.Order.install(session.order);
            new dev.airlock.recorder.runtime.IdentityHashes(sink::threadState).install(inst.getAllLoadedClasses());
            dev.airlock.recorder.instrument.CaptureRules.enableOrderedThreads();
            AgentLog.info("threads=ordered");
        }
        session.policy = policy;
        current = session;
        sink.enter();
        try {
            Hooks.install(sink);
            AgentLog.info(dev.airlock.recorder.instrument.CaptureRules.enableStreams());
            Instrumenter.install(inst, transformer);
            String how = ShutdownHooks.registerLast(() -> session.close(null));
            AgentLog.info("final hook registered as " + how);
            RecordingWatch.start(session, smallestCap(options.maxBytes(), policy.maxBytes()),
                smallestCap(options.maxDurationMillis(), policy.maxDurationMillis()));
            AgentLog.info("threads owned by the agent: " + AppThreads.claimExisting(Thread.currentThread()));
            ThreadRandomSeeds.prepare();
        } finally {
            sink.exit();
        }
        ThreadRandomSeeds.reseed();
    }

    private static long smallestCap(long a, long b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }

    JournalWriter journal() {
        return journal;
    }

    Path dir() {
        return dir;
    }

    long startMillis() {
        return startMillis;
    }

    /** Why recording stopped before the JVM ended, or null. */
    String stopReason() {
        return stopReason;
    }

    boolean closed() {
        return closed.get();
    }

    /**
     * Stops recording now: captures end, the journal is sealed, and the rewritten classes are put back
     * where the JVM allows it. The application runs on. Safe to call from any thread, more than once.
     */
    void stop(String reason) {
        if (closed.get()) {
            return;
        }
        stopReason = reason;
        AgentLog.info("stopping the recording: " + reason);
        close(reason);
        uninstrument();
    }

    /** Seals the journal; {@code reason} is null at JVM exit. */
    private void close(String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        sink.enter();
        try {
            if (order != null) {
                order.stop();
            }
            if (turns != null) {
                turns.stop();
            }
            Hooks.install(Sink.NONE);
            Fields end = new Fields();
            if (reason == null) {
                end.put(HeaderKeys.EXIT_CODE, sink.exitState().code()).put(HeaderKeys.EXIT_CAUSE, sink.exitState().cause());
            } else {
                end.put(HeaderKeys.EXIT_CAUSE, "recording stopped: " + reason).put("recording.stopped", reason);
            }
            end.put(HeaderKeys.END_MILLIS, System.currentTimeMillis())
                .put(HeaderKeys.STDOUT_BYTES, sink.stdout().bytes())
                .put(HeaderKeys.STDOUT_SHA256, sink.stdout().sha256())
                .put(HeaderKeys.STDERR_BYTES, sink.stderr().bytes())
                .put(HeaderKeys.STDERR_SHA256, sink.stderr().sha256());
            journal.close(end, seal);
            Audit.record(dir, reason == null ? "recording.sealed" : reason.contains("max-") ? "recording.capped"
                : "recording.stopped", new Fields()
                .put("events", journal.eventsWritten()).put("documents", journal.documentsWritten())
                .put("bytes", journal.bytesWritten()).put("seal", seal.algorithm()).put("reason", reason)
                .put(HeaderKeys.EXIT_CODE, reason == null ? sink.exitState().code() : null));
            JournalFiles.restrictToOwner(dir);
            AgentLog.info("recording sealed: " + journal.eventsWritten() + " events, " + journal.bytesWritten()
                + " bytes" + (reason == null ? ", exit code " + sink.exitState().code() : "; stopped: " + reason));
        } catch (Throwable t) {
            AgentLog.error("closing the journal failed", t);
            Audit.record(dir, "recording.failed", new Fields().put("error", t.toString()));
        } finally {
            sink.exit();
        }
    }

    /**
     * Retransforms the rewritten classes without the transformer, which gives them back their original
     * bytes. A class that gained methods (method-reference bridges) cannot lose them again and stays
     * rewritten; its calls then pass straight through the bridge.
     */
    private void uninstrument() {
        if (turns != null) {
            // Application monitors stay the scheduler's (now without turns): classes cannot get their
            // synchronized flags back, and code already running keeps using the scheduler's monitors.
            AgentLog.info("threads=serial: classes stay rewritten; threads run freely from now on");
            return;
        }
        if (order != null) {
            // Synchronized methods lost their flag, which retransformation cannot give back.
            AgentLog.info("threads=ordered: classes stay rewritten; turns are no longer recorded");
            return;
        }
        inst.removeTransformer(transformer);
        List<Class<?>> targets = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (transformer.rewritten().contains(c.getName().replace('.', '/')) && inst.isModifiableClass(c)) {
                targets.add(c);
            }
        }
        int restored = 0;
        for (Class<?> c : targets) {
            try {
                inst.retransformClasses(c);
                restored++;
            } catch (Throwable t) {
                AgentLog.info("left " + c.getName() + " rewritten (pass-through): " + t);
            }
        }
        AgentLog.info("instrumentation removed: " + restored + " of " + targets.size() + " classes restored");
    }
}
