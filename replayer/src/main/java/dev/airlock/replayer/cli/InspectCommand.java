package dev.airlock.replayer.cli;

import dev.airlock.format.EventKind;
import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalException;
import dev.airlock.format.ThreadInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airlock inspect DIR}: prints what a journal holds: the recorded run (header), classpath
 * digests, event counts by kind and by thread, call sites, and how the run ended. Run by
 * {@link AirlockCli}; the reading is {@link JournalSummary}'s.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Shows the recorded run, its classpath digests, event counts by kind and thread, and how it ended.")
public final class InspectCommand implements Callable<Integer> {

    private static final String[][] HEADER_LINES = {
        {HeaderKeys.RECORDING_ID, "recording id"},
        {HeaderKeys.AIRLOCK_VERSION, "airlock version"},
        {HeaderKeys.FORMAT_VERSION, "format version"},
        {HeaderKeys.MAIN_CLASS, "main class"},
        {HeaderKeys.MAIN_JAR, "main jar"},
    };
    private static final String[][] ENVIRONMENT_LINES = {
        {HeaderKeys.JAVA_HOME, "java home"},
        {HeaderKeys.CLASS_PATH, "class path"},
        {HeaderKeys.WORKING_DIR, "working dir"},
    };
    private static final String[][] LOCALE_LINES = {
        {HeaderKeys.TIME_ZONE, "time zone"},
        {HeaderKeys.LOCALE, "locale"},
        {HeaderKeys.CHARSET, "charset"},
        {HeaderKeys.FILE_ENCODING, "file encoding"},
        {HeaderKeys.HOST, "host"},
        {HeaderKeys.USER, "user"},
        {HeaderKeys.PID, "pid"},
        {HeaderKeys.AGENT_OPTIONS, "agent options"},
    };

    @Spec
    CommandSpec spec;

    @Mixin
    DecryptOption decrypt = new DecryptOption();

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        JournalSummary summary;
        try {
            summary = JournalSummary.read(dir);
        } catch (JournalException e) {
            int code = CliErrors.report(e, spec.commandLine().getErr());
            AuditCommand.record(spec, dir, "inspect", e.getMessage(), code);
            return code;
        }
        int code = show(summary);
        AuditCommand.record(spec, dir, "inspect", summary.damage() == null ? "shown: " + summary.events() + " events"
            : "damaged after " + summary.events() + " events: " + summary.damage(), code);
        return code;
    }

    private int show(JournalSummary summary) {
        header(summary.header());
        classpath(summary.classpath());
        counts(summary);
        failures(summary);
        end(summary.end());
        out.flush();
        if (summary.damage() != null) {
            line("damaged", CliErrors.oneLine(summary.damage()));
            out.flush();
            spec.commandLine().getErr().println(CliErrors.PREFIX + "the journal is damaged after "
                + summary.events() + " events: " + CliErrors.oneLine(summary.damage()));
            spec.commandLine().getErr().flush();
            return ExitCodes.BAD_JOURNAL;
        }
        return ExitCodes.OK;
    }

    private void header(Fields h) {
        line("journal", dir.toAbsolutePath().normalize().toString());
        lines(h, HEADER_LINES);
        line("main args", ShellWords.join(h.list(HeaderKeys.MAIN_ARG)));
        String jvm = join(h.get(HeaderKeys.JAVA_VENDOR), h.get(HeaderKeys.JAVA_VERSION));
        String javaSpec = h.get(HeaderKeys.JAVA_SPEC);
        if (javaSpec != null) {
            jvm = jvm == null ? "Java " + javaSpec : jvm + " (Java " + javaSpec + ")";
        }
        if (jvm != null) {
            line("jvm", jvm);
        }
        line("jvm args", ShellWords.join(h.list(HeaderKeys.JVM_ARG)));
        lines(h, ENVIRONMENT_LINES);
        long start = h.getLong(HeaderKeys.START_MILLIS, Long.MIN_VALUE);
        if (start != Long.MIN_VALUE) {
            line("started", Instant.ofEpochMilli(start).toString());
        }
        lines(h, LOCALE_LINES);
    }

    /** Exceptions that escaped a thread, and the path to System.exit, with their stacks. */
    private void failures(JournalSummary summary) {
        List<JournalSummary.Uncaught> uncaught = summary.uncaught();
        if (!uncaught.isEmpty()) {
            out.println("exceptions that escaped a thread:");
            for (JournalSummary.Uncaught u : uncaught) {
                out.println("  thread " + u.thread() + ": " + u.type() + (u.message() == null ? "" : ": " + u.message()));
                stack(u.stack());
            }
        }
        JournalSummary.Uncaught exit = summary.exitPath();
        if (exit != null) {
            out.println("exit path: " + exit.type() + " on thread " + exit.thread());
            stack(exit.stack());
        }
    }

    private void stack(String stack) {
        if (stack == null) {
            return;
        }
        int shown = 0;
        for (String line : stack.split("\n")) {
            if (line.strip().startsWith("at ") && shown++ < 12) {
                out.println("      " + line.strip());
            }
        }
    }

    private void classpath(List<JournalSummary.ClasspathEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        out.println("classpath entries:");
        for (JournalSummary.ClasspathEntry e : entries) {
            StringBuilder sb = new StringBuilder("  ").append(e.path() == null ? "?" : e.path());
            if (e.sha256() != null) {
                sb.append("  sha256 ").append(e.sha256());
            }
            if (e.bytes() != null) {
                sb.append("  ").append(e.bytes()).append(" bytes");
            }
            out.println(sb);
        }
    }

    private void counts(JournalSummary summary) {
        out.println("events by kind:");
        for (Map.Entry<EventKind, Long> e : summary.byKind().entrySet()) {
            out.println(String.format("  %-26s %12d", e.getKey().label(), e.getValue()));
        }
        out.println("events by thread:");
        // Logical threads (ordered mode's task runs and stage functions) by the pool thread they ran on:
        // a parallel program has thousands.
        Map<String, long[]> runs = new java.util.TreeMap<>();
        for (Map.Entry<ThreadInfo, Long> e : summary.byThread().entrySet()) {
            ThreadInfo t = e.getKey();
            if (t.logical()) {
                long[] r = runs.computeIfAbsent(t.name(), k -> new long[2]);
                r[0]++;
                r[1] += e.getValue();
                continue;
            }
            out.println(String.format("  %-12s %-26s %12d%s", t.path(), JsonWriter.quoted(t.name()), e.getValue(),
                t.daemon() ? "  (daemon)" : ""));
        }
        for (Map.Entry<String, long[]> r : runs.entrySet()) {
            out.println(String.format("  %-12s %-26s %12d  (%d task runs)", "(tasks)", JsonWriter.quoted(r.getKey()),
                r.getValue()[1], r.getValue()[0]));
        }
        line("call sites", Integer.toString(summary.sites()));
        line("events", Long.toString(summary.events()));
    }

    private void end(Fields end) {
        if (end == null) {
            line("end", "none (the recording was cut short)");
            return;
        }
        String cause = end.get(HeaderKeys.EXIT_CAUSE);
        line("end", "exit code " + end.get(HeaderKeys.EXIT_CODE, "?") + (cause == null ? "" : ", " + cause));
        output("stdout", end.get(HeaderKeys.STDOUT_BYTES), end.get(HeaderKeys.STDOUT_SHA256));
        output("stderr", end.get(HeaderKeys.STDERR_BYTES), end.get(HeaderKeys.STDERR_SHA256));
        String stopped = end.get("recording.stopped");
        if (stopped != null) {
            line("recording stopped", stopped);
        }
    }

    private void output(String stream, String count, String sha256) {
        if (count != null || sha256 != null) {
            line(stream, (count == null ? "?" : count) + " bytes" + (sha256 == null ? "" : ", sha256 " + sha256));
        }
    }

    private void lines(Fields h, String[][] keysAndLabels) {
        for (String[] kl : keysAndLabels) {
            String v = h.get(kl[0]);
            if (v != null) {
                line(kl[1], v);
            }
        }
    }

    private void line(String label, String value) {
        out.println(label + ": " + value);
    }

    /** Null when both are. */
    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + ' ' + b;
    }
}
