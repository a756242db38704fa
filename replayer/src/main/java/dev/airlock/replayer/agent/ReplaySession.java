package dev.airlock.replayer.agent;

import dev.airlock.bridge.Hooks;
import dev.airlock.bridge.Sink;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalReader;
import dev.airlock.recorder.agent.AgentLog;
import dev.airlock.recorder.agent.Instrumenter;
import dev.airlock.recorder.agent.ShutdownHooks;
import dev.airlock.recorder.instrument.AirlockTransformer;
import dev.airlock.recorder.instrument.CapturePolicy;
import dev.airlock.recorder.runtime.AppThreads;
import dev.airlock.recorder.runtime.ThreadRandomSeeds;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Properties;

/** One replay inside the replayed JVM: indexes the journal, installs the replay runtime, reports at exit. */
final class ReplaySession {

    private ReplaySession() {
    }

    static void start(Path dir, Path result, Instrumentation inst) throws Exception {
        JournalReader reader = JournalReader.open(dir);
        JournalIndex index = JournalIndex.build(reader);
        RecordedFailure.useFramesFrom(index.failureFrames);
        AgentLog.info("journal indexed: " + index.totalEvents + " events, " + index.threadsByPath.size() + " threads, "
            + index.sitesByKey.size() + " call sites" + (index.damage == null ? "" : "; damaged: " + index.damage)
            + (index.end == null ? "; no end document" : ""));
        ReplayStop stop = new ReplayStop(new ReplayOutcome(result));
        ReplaySiteRegistry sites = new ReplaySiteRegistry(index);
        CapturePolicy policy = CapturePolicy.fromHeader(index.header);
        ReplaySink sink = new ReplaySink(index, reader, sites, stop, Thread.currentThread(), policy.keepsConsoleBytes(),
            dev.airlock.recorder.runtime.FileScope.ofThisJvm(dir));
        stop.countsFrom(() -> counts(index, sink));
        ReplayProgress.start(sink::replayed);
        AirlockTransformer transformer = new AirlockTransformer(sites, index.header.get(HeaderKeys.MAIN_CLASS), sink,
            (name, t) -> AgentLog.error("left " + name + " unchanged", t), policy);
        sink.enter();
        try {
            if (underDebugger()) {
                dev.airlock.recorder.runtime.DebuggerEvaluation.reset();
            }
            if ("serial".equals(index.header.get(dev.airlock.format.HeaderKeys.THREADS))) {
                dev.airlock.format.ThreadInfo scheduled = index.threadsByPath.get(
                    dev.airlock.recorder.runtime.RecordedTurns.SCHEDULE_PATH);
                EventCursor cursor = new EventCursor(reader.fork().handedOver(), scheduled == null ? java.util.List.of()
                    : index.blocksByThread.getOrDefault(scheduled.id(), java.util.List.of()));
                dev.airlock.bridge.Turns.install(new ReplayedTurns(sink::threadState, cursor, sink::scheduleDiverged,
                    underDebugger()));
                new dev.airlock.recorder.runtime.IdentityHashes(sink::threadState).install(inst.getAllLoadedClasses());
                if ("memory".equals(index.header.get(dev.airlock.format.HeaderKeys.PREEMPT))) {
                    dev.airlock.recorder.instrument.CaptureRules.enableMemoryPoints();
                }
                dev.airlock.recorder.instrument.CaptureRules.enableSerialThreads();
                AgentLog.info("threads=serial: replaying the recorded schedule"
                    + ("memory".equals(index.header.get(dev.airlock.format.HeaderKeys.PREEMPT)) ? ", points at memory accesses" : ""));
            } else if ("ordered".equals(index.header.get(dev.airlock.format.HeaderKeys.THREADS))) {
                dev.airlock.bridge.Order.install(new ReplayedOrder(sink::threadState, sink, sink::scheduleDiverged,
                    underDebugger()));
                new dev.airlock.recorder.runtime.IdentityHashes(sink::threadState).install(inst.getAllLoadedClasses());
                dev.airlock.recorder.instrument.CaptureRules.enableOrderedThreads();
                AgentLog.info("threads=ordered: replaying each object's recorded order");
            }
            Hooks.install(sink);
            AgentLog.info(dev.airlock.recorder.instrument.CaptureRules.enableStreams());
            Instrumenter.install(inst, transformer);
            ShutdownHooks.registerLast(() -> finish(index, sink, stop));
            AgentLog.info("threads owned by the agent: " + AppThreads.claimExisting(Thread.currentThread()));
            ThreadRandomSeeds.prepare();
        } finally {
            sink.exit();
        }
        ThreadRandomSeeds.reseed();
    }

    private static boolean underDebugger() {
        for (String arg : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp")) {
                return true;
            }
        }
        return false;
    }

    private static Properties counts(JournalIndex index, ReplaySink sink) {
        Properties p = new Properties();
        p.setProperty("events.replayed", Long.toString(sink.replayed()));
        p.setProperty("events.recorded", Long.toString(index.totalEvents));
        p.setProperty("exit.code", Integer.toString(sink.exitState().code()));
        p.setProperty("stdout.bytes", Long.toString(sink.stdout().bytes()));
        p.setProperty("stdout.sha256", sink.stdout().sha256());
        p.setProperty("stderr.bytes", Long.toString(sink.stderr().bytes()));
        p.setProperty("stderr.sha256", sink.stderr().sha256());
        return p;
    }

    private static void finish(JournalIndex index, ReplaySink sink, ReplayStop stop) {
        sink.enter();
        try {
            sink.shuttingDown();
            Hooks.install(Sink.NONE);
            Properties p = counts(index, sink);
            String left = sink.leftOver();
            if (left != null && index.sealed()) {
                p.setProperty("status", "diverged");
                p.setProperty("divergence.thread", left.substring(0, left.indexOf(':')));
                p.setProperty("divergence.event_index", "-1");
                p.setProperty("divergence.expected", "the rest of the recorded events");
                p.setProperty("divergence.actual", "the program ended");
                p.setProperty("divergence.message", "replay ended early: " + left);
            } else if (left != null) {
                p.setProperty("status", "end-of-recording");
                p.setProperty("end.thread", left.substring(0, left.indexOf(':')));
                p.setProperty("end.message", "the program ended before the cut-short recording did: " + left);
            } else {
                p.setProperty("status", "completed");
            }
            stop.completed(p);
            AgentLog.info("replay finished: " + p.getProperty("status") + ", " + p.getProperty("events.replayed")
                + " of " + p.getProperty("events.recorded") + " events, exit code " + p.getProperty("exit.code"));
        } catch (Throwable t) {
            AgentLog.error("reporting the replay failed", t);
        } finally {
            sink.exit();
        }
    }
}
