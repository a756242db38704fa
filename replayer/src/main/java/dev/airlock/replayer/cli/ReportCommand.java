package dev.airlock.replayer.cli;

import dev.airlock.format.JournalException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code airlock report DIR -o report.html [--replay-report FILE]}: the recording at a glance, as one HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write one self-contained HTML page (no scripts, fonts or links) with the recording's timeline.")
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    private Path dir;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The HTML file to write.")
    private Path output;

    @Option(names = "--replay-report", paramLabel = "FILE",
        description = "A 'replay --report' file: where that replay diverged is marked on the timeline.")
    private Path replayReport;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path journal = dir.toAbsolutePath().normalize();
        String html;
        try {
            JournalSummary summary = JournalSummary.read(journal);
            TimelineData data = TimelineData.read(journal, summary.events());
            html = HtmlReport.render(data, journal.toString(), divergence());
        } catch (JournalException e) {
            int code = CliErrors.report(e, err);
            AuditCommand.record(spec, journal, "report", e.getMessage(), code);
            return code;
        }
        Files.writeString(output, html, StandardCharsets.UTF_8);
        spec.commandLine().getOut().println("wrote " + output.toAbsolutePath().normalize() + " (" + html.length() / 1024 + " KiB)");
        AuditCommand.record(spec, journal, "report", "wrote " + output.toAbsolutePath().normalize(), ExitCodes.OK);
        return ExitCodes.OK;
    }

    /** Thread, global event index and message of the replay report's divergence, or null. */
    private String[] divergence() throws IOException {
        if (replayReport == null) {
            return null;
        }
        String json = Files.readString(replayReport, StandardCharsets.UTF_8);
        int at = json.indexOf("\"divergence\"");
        if (at < 0) {
            return null;
        }
        String part = json.substring(at);
        return new String[] {field(part, "thread"), field(part, "event_index"), field(part, "message")};
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))").matcher(json);
        return !m.find() ? "?" : m.group(2) != null ? m.group(2) : m.group(3);
    }
}
