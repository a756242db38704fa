package dev.airlock.recorder.agent;

import dev.airlock.bridge.Hooks;
import dev.airlock.bridge.Sink;
import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalWriter;
import dev.airlock.recorder.instrument.AirlockTransformer;
import dev.airlock.recorder.runtime.AppThreads;
import dev.airlock.recorder.runtime.MainThreadRandom;
import dev.airlock.recorder.runtime.RecordingSink;
import dev.airlock.recorder.runtime.RecordingSiteRegistry;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;

/** One recording: opens the journal, installs the recording runtime and seals the journal at exit. */
final class RecordingSession {

    private RecordingSession() {
    }

    static void start(AgentOptions options, Path dir, Instrumentation inst) throws Exception {
        Fields header = HeaderFactory.create(options.raw());
        JournalWriter journal = JournalWriter.create(dir, header, options.bufferBytes(), options.flushMillis(),
            t -> AgentLog.error("journal writer failed; recording stopped", t));
        journal.start();
        Thread digester = new Thread(new ClasspathDigester(header.get(HeaderKeys.CLASS_PATH), journal),
            "airlock-classpath-digest");
        digester.setDaemon(true);
        digester.start();

        RecordingSink sink = new RecordingSink(journal, Thread.currentThread());
        AirlockTransformer transformer = new AirlockTransformer(new RecordingSiteRegistry(journal),
            HeaderFactory.mainClassOf(header), sink, (name, t) -> AgentLog.error("left " + name + " unchanged", t));
        sink.enter();
        try {
            Hooks.install(sink);
            Instrumenter.install(inst, transformer);
            String how = ShutdownHooks.registerLast(() -> finish(journal, sink));
            AgentLog.info("final hook registered as " + how);
            AgentLog.info("threads owned by the agent: " + AppThreads.claimExisting(Thread.currentThread()));
            MainThreadRandom.prepare();
        } finally {
            sink.exit();
        }
        MainThreadRandom.reseed();
    }

    private static void finish(JournalWriter journal, RecordingSink sink) {
        sink.enter();
        try {
            Hooks.install(Sink.NONE);
            Fields end = new Fields()
                .put(HeaderKeys.EXIT_CODE, sink.exitState().code())
                .put(HeaderKeys.EXIT_CAUSE, sink.exitState().cause())
                .put(HeaderKeys.END_MILLIS, System.currentTimeMillis())
                .put(HeaderKeys.STDOUT_BYTES, sink.stdout().bytes())
                .put(HeaderKeys.STDOUT_SHA256, sink.stdout().sha256())
                .put(HeaderKeys.STDERR_BYTES, sink.stderr().bytes())
                .put(HeaderKeys.STDERR_SHA256, sink.stderr().sha256());
            journal.close(end);
            AgentLog.info("recording sealed: " + journal.eventsWritten() + " events, " + journal.bytesWritten()
                + " bytes, exit code " + sink.exitState().code());
        } catch (Throwable t) {
            AgentLog.error("closing the journal failed", t);
        } finally {
            sink.exit();
        }
    }
}
