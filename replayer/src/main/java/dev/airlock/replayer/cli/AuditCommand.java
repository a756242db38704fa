package dev.airlock.replayer.cli;

import dev.airlock.format.AuditEntry;
import dev.airlock.format.AuditTrail;
import dev.airlock.format.Fields;
import dev.airlock.format.JournalFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airlock audit DIR}: prints a journal's audit trail ({@code DIR/audit.log}, see
 * {@link AuditTrail}) one entry per line, then verifies its chain: {@code intact (N entries)} and exit 0,
 * or {@code tampered: entry K ...} and exit 72; no trail is 65. Run by {@link AirlockCli}.
 *
 * <p>Also home of {@link #record}, which {@link VerifyCommand}, {@link ReplayCommand},
 * {@link InspectCommand}, {@link EventsCommand} and this command call to add their own entry.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {"Prints the journal's audit trail: who recorded, verified, inspected or replayed it,",
        "when, and how it went; then verifies the trail's digest chain.",
        "Exit codes: 0 intact; 72 an entry was altered, removed, inserted or moved;",
        "65 no audit trail."})
public final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            err.println(CliErrors.PREFIX + "no journal at " + dir + ": " + (Files.exists(dir) ? "not a directory"
                : "the directory does not exist"));
            err.flush();
            return ExitCodes.BAD_JOURNAL;
        }
        AuditTrail.Check check;
        try {
            check = AuditTrail.check(dir);
        } catch (NoSuchFileException e) {
            err.println(CliErrors.PREFIX + "no audit trail in " + dir + " (no " + AuditTrail.FILE + ")");
            err.flush();
            return ExitCodes.BAD_JOURNAL;
        }
        for (AuditEntry entry : check.entries()) {
            out.println(entry.describe());
        }
        out.println(check.line());
        out.flush();
        int code = check.intact() ? ExitCodes.OK : ExitCodes.TAMPERED;
        record(spec, dir, "audit", check.line(), code);
        return code;
    }

    /**
     * Appends the audit entry for one command run against the journal in {@code dir}: {@code command}
     * (the command line), {@code outcome} and {@code exit}. Directories that hold neither a journal nor an
     * audit trail are left alone. When the entry cannot be written, one warning line on the command's
     * error stream; the command's outcome stands.
     */
    static void record(CommandSpec spec, Path dir, String event, String outcome, int exitCode) {
        if (dir == null) {
            return;
        }
        Path journal = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(journal)
            || !(JournalFiles.hasQueueFiles(journal) || Files.exists(AuditTrail.file(journal)))) {
            return;
        }
        Fields details = new Fields().put("command", commandLine(spec)).put("outcome", CliErrors.oneLine(outcome))
            .put("exit", exitCode);
        try {
            AuditTrail.append(journal, event, details);
        } catch (IOException | RuntimeException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(CliErrors.PREFIX + "warning: cannot write the audit trail: " + CliErrors.oneLine(reason(e)));
            err.flush();
        }
    }

    /** {@code airlock} and the words it was given, quoted for a shell. */
    static String commandLine(CommandSpec spec) {
        List<String> args = spec.root().commandLine().getParseResult() == null ? List.of()
            : spec.root().commandLine().getParseResult().originalArgs();
        return args.isEmpty() ? "airlock" : "airlock " + ShellWords.join(args);
    }

    private static String reason(Exception e) {
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            String why = f.getReason() != null ? f.getReason()
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
            return f.getFile() + ": " + why;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
