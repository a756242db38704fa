package dev.airlock.replayer.cli;

import dev.airlock.format.JournalException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on the error stream, starting with {@code airlock: }, and an exit
 * code from {@link ExitCodes}: never a stack trace. Journal problems are the user's to fix (65); any
 * other exception is Airlock's fault (70) and its stack trace goes to a log file the line names.
 *
 * <p>{@link AirlockCli#newCommandLine()} installs it for both usage errors and exceptions escaping a
 * subcommand; the subcommands call {@link #report} themselves for journal errors, so they answer the
 * same way under a bare {@code new CommandLine(...)} in tests.
 */
public final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** Starts every line the CLI itself writes to the error stream. */
    public static final String PREFIX = "airlock: ";
    /** Overrides where stack traces of internal errors go. */
    public static final String LOG_PROPERTY = "airlock.cli.log";

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parsed) {
        return report(ex, commandLine.getErr());
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String help = cmd.getParent() == null ? "airlock --help" : "airlock help " + cmd.getCommandName();
        cmd.getErr().println(PREFIX + oneLine(ex.getMessage()) + " (see '" + help + "')");
        cmd.getErr().flush();
        return ExitCodes.USAGE;
    }

    /**
     * Runs the command; a fault while reading a memory-mapped journal file (the JVM raises it as an
     * {@code InternalError} when a file is shorter than its mapping, as a cut or damaged journal can be)
     * becomes the one line and exit code of a damaged journal instead of escaping as a stack trace.
     */
    static int runGuarded(picocli.CommandLine.ParseResult parseResult) {
        try {
            return new picocli.CommandLine.RunLast().execute(parseResult);
        } catch (InternalError e) {
            if (e.getMessage() == null || !e.getMessage().contains("unsafe memory access")) {
                throw e;
            }
            PrintWriter err = parseResult.commandSpec().commandLine().getErr();
            err.println(PREFIX + "the journal is damaged: one of its files is shorter than it claims (" + oneLine(e.getMessage())
                + ")");
            err.flush();
            return ExitCodes.BAD_JOURNAL;
        }
    }

    /** Prints the one line for {@code e} and returns its exit code. */
    public static int report(Exception e, PrintWriter err) {
        if (e instanceof JournalException) {
            err.println(PREFIX + oneLine(e.getMessage()));
            err.flush();
            return ExitCodes.BAD_JOURNAL;
        }
        String where = logStackTrace(e);
        err.println(PREFIX + "internal error: " + oneLine(describe(e))
            + (where == null ? "" : " (stack trace in " + where + ")"));
        err.flush();
        return ExitCodes.INTERNAL;
    }

    /** Collapses a message onto a single line. */
    public static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Appends the stack trace to the CLI log; returns the log's path, or null when it cannot be written. */
    private static String logStackTrace(Throwable e) {
        Path log = Path.of(System.getProperty(LOG_PROPERTY,
            Path.of(System.getProperty("java.io.tmpdir"), "airlock-cli.log").toString()));
        StringWriter trace = new StringWriter();
        trace.append(Instant.now().toString()).append(' ');
        e.printStackTrace(new PrintWriter(trace));
        try {
            Files.writeString(log, trace.toString(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return log.toString();
        } catch (IOException | RuntimeException ignored) {
            return null;
        }
    }
}
