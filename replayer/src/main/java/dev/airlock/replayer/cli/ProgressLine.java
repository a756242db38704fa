package dev.airlock.replayer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The replay's progress on a terminal: events replayed of the recorded total, the rate and the time
 * left, redrawn in place on stderr. Only when the console is a terminal: a script or a CI log sees
 * nothing of it.
 */
final class ProgressLine {

    private final PrintWriter err;
    private final Path file;
    private final long total;
    private final long startNanos = System.nanoTime();
    private int drawn;

    private ProgressLine(PrintWriter err, Path file, long total) {
        this.err = err;
        this.file = file;
        this.total = total;
    }

    /** A progress line reading {@code file}, or null when stderr is not shown on a terminal. */
    static ProgressLine onTerminal(PrintWriter err, Path file, long total) {
        return !onTerminal() || total <= 0 ? null : new ProgressLine(err, file, total);
    }

    /** Java 22 and later hand out a console even without a terminal; {@code isTerminal()} then tells. */
    private static boolean onTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21 and earlier: a console means a terminal
        }
    }

    Path file() {
        return file;
    }

    void update() {
        long done;
        try {
            done = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return; // not written yet
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        long rate = (long) (done / seconds);
        String left = rate == 0 ? "?" : Long.toString(Math.max(0, total - done) / rate);
        String line = CliErrors.PREFIX + "replayed " + done + " of " + total + " events (" + rate + "/s, about " + left
            + " s left)";
        err.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        err.flush();
        drawn = line.length();
    }

    void clear() {
        if (drawn > 0) {
            err.print("\r" + " ".repeat(drawn) + "\r");
            err.flush();
        }
    }
}
