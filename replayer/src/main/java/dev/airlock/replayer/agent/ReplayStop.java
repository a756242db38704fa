package dev.airlock.replayer.agent;

import dev.airlock.recorder.agent.AgentLog;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Ends a replay that cannot go on faithfully: writes the outcome for the CLI, logs it and halts the JVM
 * at once, so the program does not run on with values the recording does not hold.
 */
final class ReplayStop {

    /** Exit status of the replayed JVM after a divergence; the CLI reads the outcome file, not this. */
    static final int DIVERGED = 66;
    static final int END_OF_RECORDING = 67;

    private final ReplayOutcome outcome;
    private Supplier<Properties> counts = Properties::new;

    ReplayStop(ReplayOutcome outcome) {
        this.outcome = outcome;
    }

    void countsFrom(Supplier<Properties> counts) {
        this.counts = counts;
    }

    void diverged(String thread, long seq, long globalIndex, String expected, String actual, String message) {
        Properties p = counts.get();
        p.setProperty("status", "diverged");
        p.setProperty("divergence.thread", thread);
        p.setProperty("divergence.event_index", Long.toString(seq));
        p.setProperty("divergence.global_index", Long.toString(globalIndex));
        p.setProperty("divergence.expected", expected);
        p.setProperty("divergence.actual", actual);
        p.setProperty("divergence.message", message);
        AgentLog.error("replay diverged on thread " + thread + " at event " + seq + ": expected " + expected + ", got "
            + actual, new Throwable("where the program was when it diverged"));
        halt(p, DIVERGED);
    }

    void endOfRecording(String thread, long seq, String wanted, String damage) {
        Properties p = counts.get();
        p.setProperty("status", "end-of-recording");
        p.setProperty("end.thread", thread);
        p.setProperty("end.message", "the recording ends after event " + seq + " of thread " + thread
            + " (" + (damage == null ? "cut short, no end document" : damage) + "); next request: " + wanted);
        AgentLog.warn("replay reached the end of a cut-short recording on thread " + thread + " after " + seq
            + " events");
        halt(p, END_OF_RECORDING);
    }

    void completed(Properties p) {
        outcome.write(p);
    }

    private void halt(Properties p, int code) {
        if (outcome.write(p)) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
        // Another thread is already stopping the JVM; wait for it instead of running on.
        while (true) {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException ignored) {
                // keep waiting for the halt
            }
        }
    }
}
