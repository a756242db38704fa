package dev.airlock.replayer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The judgement on one replay: what the agent reported ({@link ReplayResult}) against the recording
 * ({@link RecordedOutcome}) and the replay JVM's exit code. Gives the exit code of {@code airlock
 * replay} and its one-line verdict. Made by {@link ReplayCommand}; read by {@link ReplayReport}.
 *
 * <p>A replay matched when the agent reported {@code completed}, the exit code equals the recorded one,
 * and stdout and stderr have the recorded digests (compared when both sides have them; sizes otherwise).
 */
final class ReplayVerdict {

    /** The replay log the agent writes in the journal directory. */
    static final String REPLAY_LOG = "airlock-replay.log";

    private final boolean matched;
    private final int exitCode;
    private final String status;
    private final String line;

    private ReplayVerdict(boolean matched, int exitCode, String status, String line) {
        this.matched = matched;
        this.exitCode = exitCode;
        this.status = status;
        this.line = CliErrors.PREFIX + line;
    }

    /** {@code result} null: the agent reported nothing, so the replay JVM died first. */
    static ReplayVerdict judge(ReplayResult result, RecordedOutcome recorded, int processExit, Path journal) {
        if (result == null) {
            return new ReplayVerdict(false, ExitCodes.INTERNAL, "crashed", "the replay JVM ended with exit code "
                + processExit + " before reporting (see " + journal.resolve(REPLAY_LOG) + ")");
        }
        String status = result.status();
        switch (status) {
            case ReplayResult.DIVERGED:
                return diverged(result);
            case ReplayResult.END_OF_RECORDING:
                return new ReplayVerdict(false, ExitCodes.END_OF_RECORDING, status,
                    "replay reached the end of the recording (cut short) after " + orUnknown(result.eventsReplayed())
                        + " events on thread " + orUnknown(result.end("thread")));
            case ReplayResult.COMPLETED:
                return completed(result, recorded, processExit);
            default:
                return new ReplayVerdict(false, ExitCodes.INTERNAL, status, "the replay agent reported an unknown status '"
                    + status + "' (see " + journal.resolve(REPLAY_LOG) + ")");
        }
    }

    /** The replay JVM did not end within {@code seconds} and was stopped. */
    static ReplayVerdict timedOut(long seconds, Path journal) {
        return new ReplayVerdict(false, ExitCodes.INTERNAL, "timed-out", "the replay did not finish within "
            + seconds + " seconds and was stopped (see " + journal.resolve(REPLAY_LOG) + ")");
    }

    private static ReplayVerdict diverged(ReplayResult r) {
        String where = "replay DIVERGED at event " + orUnknown(r.divergence("event_index")) + " on thread "
            + orUnknown(r.divergence("thread")) + ": ";
        String expected = r.divergence("expected");
        String actual = r.divergence("actual");
        String what = expected == null && actual == null
            ? orUnknown(r.divergence("message"))
            : "expected " + orUnknown(expected) + ", got " + orUnknown(actual);
        return new ReplayVerdict(false, ExitCodes.DIVERGED, ReplayResult.DIVERGED, CliErrors.oneLine(where + what));
    }

    private static ReplayVerdict completed(ReplayResult r, RecordedOutcome recorded, int processExit) {
        Long events = r.eventsReplayed();
        if (!recorded.ended()) {
            return new ReplayVerdict(true, processExit, ReplayResult.COMPLETED, "replay matched (" + orUnknown(events)
                + " events, exit code " + processExit + "; the recording was cut short, so exit code and output"
                + " were not compared)");
        }
        List<String> differences = new ArrayList<>();
        Long recordedExit = recorded.exitCode();
        if (recordedExit != null && recordedExit != processExit) {
            differences.add("exit code " + processExit + " (recorded " + recordedExit + ")");
        }
        for (String stream : new String[] {"stdout", "stderr"}) {
            String d = streamDifference(stream, r.bytes(stream), r.sha256(stream),
                recorded.bytes(stream), recorded.sha256(stream));
            if (d != null) {
                differences.add(d);
            }
        }
        if (differences.isEmpty()) {
            return new ReplayVerdict(true, processExit, ReplayResult.COMPLETED,
                "replay matched (" + orUnknown(events) + " events, exit code " + processExit + ")");
        }
        return new ReplayVerdict(false, ExitCodes.DIFFERS, ReplayResult.COMPLETED,
            "replay finished but differs: " + String.join("; ", differences));
    }

    /** Null when the stream matches as far as both sides tell; otherwise what differs. */
    static String streamDifference(String stream, Long bytes, String sha, Long recordedBytes, String recordedSha) {
        boolean shaDiffers = sha != null && recordedSha != null && !sha.equalsIgnoreCase(recordedSha);
        boolean sizeDiffers = bytes != null && recordedBytes != null && !Objects.equals(bytes, recordedBytes);
        if (!shaDiffers && !sizeDiffers) {
            return null;
        }
        if (sizeDiffers) {
            return stream + " has " + bytes + " bytes (recorded " + recordedBytes + ")";
        }
        return stream + " has different content (" + (bytes == null ? "" : "same " + bytes + " bytes, ")
            + "sha256 " + abbreviate(sha) + ", recorded " + abbreviate(recordedSha) + ")";
    }

    private static String abbreviate(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "..." : sha;
    }

    private static String orUnknown(Object o) {
        return o == null ? "?" : o.toString();
    }

    boolean matched() {
        return matched;
    }

    /** What {@code airlock replay} exits with: the application's exit code when matched. */
    int exitCode() {
        return exitCode;
    }

    /** {@code completed}, {@code diverged}, {@code end-of-recording}, {@code crashed} or {@code timed-out}. */
    String status() {
        return status;
    }

    /** The verdict, one line starting with {@code airlock: }. */
    String line() {
        return line;
    }
}
