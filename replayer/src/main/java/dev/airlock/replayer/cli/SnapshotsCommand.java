package dev.airlock.replayer.cli;

import dev.airlock.format.Fields;
import dev.airlock.format.JournalException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code airlock snapshots DIR}: prints the snapshots {@code airlock snapshot} took, as text or JSON lines. */
@Command(name = "snapshots", mixinStandardHelpOptions = true,
    description = "Print the snapshots taken into a folder by 'airlock snapshot' (text, or one JSON object per line).")
final class SnapshotsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the snapshot output folder (or one point's journal in it)")
    private Path dir;

    @Option(names = "--json", description = "one JSON object per snapshot, one per line")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<SnapshotJournals.Point> points;
        try {
            points = SnapshotJournals.read(dir);
        } catch (JournalException e) {
            int code = CliErrors.report(e, spec.commandLine().getErr());
            AuditCommand.record(spec, dir, "snapshots", e.getMessage(), code);
            return code;
        }
        int total = 0;
        for (SnapshotJournals.Point p : points) {
            for (Fields s : p.snapshots()) {
                total++;
                if (json) {
                    out.println(json(p, s));
                } else {
                    text(out, p, s);
                }
            }
            if (!json) {
                out.println(p.header().get("snapshot.point") + ": " + p.snapshots().size() + " snapshot(s), "
                    + (p.end() == null ? "still active" : "removed: " + p.end().get("removed.reason", "?")));
                out.println();
            }
        }
        if (!json) {
            out.println(total + " snapshot(s) from " + points.size() + " point(s) in " + dir.toAbsolutePath().normalize());
        }
        out.flush();
        AuditCommand.record(spec, dir, "snapshots", "shown: " + total + " snapshots", ExitCodes.OK);
        return ExitCodes.OK;
    }

    private static void text(PrintWriter out, SnapshotJournals.Point p, Fields s) {
        out.println("snapshot " + s.get("hit") + " at " + p.header().get("snapshot.at")
            + (p.header().get("snapshot.when") == null ? "" : " when " + p.header().get("snapshot.when")));
        out.println("  time    " + s.get("time") + "   thread " + s.get("thread") + " (id " + s.get("thread.id") + ")");
        List<String> stack = s.list("stack.");
        for (int i = 0; i < stack.size(); i++) {
            out.println((i == 0 ? "  at      " : "          ") + stack.get(i));
        }
        section(out, s, "arg.", "args");
        section(out, s, "local.", "locals");
        section(out, s, "this.", "this");
    }

    private static void section(PrintWriter out, Fields s, String prefix, String title) {
        boolean first = true;
        for (Map.Entry<String, String> e : s.asMap().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                out.println((first ? String.format("  %-8s", title) : "          ") + e.getKey().substring(prefix.length())
                    + " = " + e.getValue());
                first = false;
            }
        }
    }

    private static String json(SnapshotJournals.Point p, Fields s) {
        JsonWriter w = new JsonWriter().beginObject()
            .name("point").value(p.header().get("snapshot.point"))
            .name("at").value(p.header().get("snapshot.at"))
            .name("when").value(p.header().get("snapshot.when"))
            .name("hit").value(s.getLong("hit", 0))
            .name("time").value(s.get("time"))
            .name("thread").value(s.get("thread"))
            .name("threadId").value(s.getLong("thread.id", -1))
            .name("class").value(s.get("class"))
            .name("method").value(s.get("method"))
            .name("line").value(s.getLong("line", 0))
            .name("stack").beginArray();
        for (String frame : s.list("stack.")) {
            w.value(frame);
        }
        w.endArray();
        for (String[] section : new String[][] {{"arg.", "args"}, {"local.", "locals"}, {"this.", "this"}}) {
            w.name(section[1]).beginObject();
            for (Map.Entry<String, String> e : s.asMap().entrySet()) {
                if (e.getKey().startsWith(section[0])) {
                    w.name(e.getKey().substring(section[0].length())).value(e.getValue());
                }
            }
            w.endObject();
        }
        return w.endObject().toString();
    }
}
