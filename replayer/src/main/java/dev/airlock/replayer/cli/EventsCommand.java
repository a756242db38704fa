package dev.airlock.replayer.cli;

import dev.airlock.format.CallSite;
import dev.airlock.format.Event;
import dev.airlock.format.JournalException;
import dev.airlock.format.ThreadInfo;
import dev.airlock.format.ValueType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airlock events DIR}: lists a journal's events, one line each, in journal order, optionally
 * filtered ({@link EventFilter}) and as JSON lines. Run by {@link AirlockCli}.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = {"Lists the recorded events, one per line:",
        "  #<index> <thread path> seq=<n> <kind> <value> at <Class.method(File.java:line)>",
        "The index counts events in journal order from 0; seq counts one thread's events."})
public final class EventsCommand implements Callable<Integer> {

    /** Lines between checks that the reader of our output is still there ({@code airlock events | head}). */
    private static final int CHECK_EVERY = 1024;

    @Spec
    CommandSpec spec;

    @Mixin
    DecryptOption decrypt = new DecryptOption();

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = "--thread", paramLabel = "T", description = "Only this thread: its path (main/1), name or numeric id.")
    String thread;

    @Option(names = "--kind", paramLabel = "K", description = "Only this kind of event, e.g. clock.nanos.")
    String kind;

    @Option(names = "--site", paramLabel = "PATTERN",
        description = "Only events whose call site Class.method(File.java:line) contains PATTERN (case-sensitive).")
    String site;

    @Option(names = "--since", paramLabel = "TIME", description = "Only events at or after TIME in recorded time: an "
        + "instant (2026-11-29T12:00:05Z), a UTC time of day (12:00:05.250) or seconds after the start (+5).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only events at or before TIME in recorded time "
        + "(same forms as --since).")
    String until;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N events (default: all).")
    Long limit;

    @Option(names = "--json", description = "One JSON object per line: index, thread, seq, kind, value, site. "
        + "Integer values are JSON numbers, all others strings as in the text form.")
    boolean json;

    @Override
    public Integer call() {
        EventFilter filter;
        try {
            filter = EventFilter.of(thread, kind, site);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (limit != null && limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit must not be negative: " + limit);
        }
        PrintWriter out = spec.commandLine().getOut();
        long max = limit == null ? Long.MAX_VALUE : limit;
        StringBuilder line = new StringBuilder(160);
        long[] printed = {0};
        try (JournalWalk walk = JournalWalk.open(dir)) {
            long start = walk.header().getLong(dev.airlock.format.HeaderKeys.START_MILLIS, 0);
            Long from;
            Long to;
            try {
                from = RecordedTime.parse(since, start, "--since");
                to = RecordedTime.parse(until, start, "--until");
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            RecordedTime time = new RecordedTime(start);
            if (max > 0) {
                walk.run((index, t, seq, event, callSite) -> {
                    long when = time.at(event);
                    String siteText = describeSite(callSite, event.site());
                    // Threads' clock reads interleave by flush, so recorded time can step back: filter, never stop.
                    if ((from != null && when < from) || (to != null && when > to)
                        || !filter.matches(t, event.kind(), siteText)) {
                        return true;
                    }
                    line.setLength(0);
                    if (json) {
                        json(line, index, t, seq, event, siteText);
                    } else {
                        text(line, index, t, seq, event, siteText);
                    }
                    out.append(line.append(System.lineSeparator()));
                    printed[0]++;
                    // print() does not flush; checkError() does, so a closed pipe ends the walk.
                    return printed[0] < max && (printed[0] % CHECK_EVERY != 0 || !out.checkError());
                });
            }
            out.flush();
            AuditCommand.record(spec, dir, "events", "listed " + printed[0] + " events", ExitCodes.OK);
            return ExitCodes.OK;
        } catch (JournalException e) {
            out.flush();
            int code = CliErrors.report(e, spec.commandLine().getErr());
            AuditCommand.record(spec, dir, "events", "listed " + printed[0] + " events, then: " + e.getMessage(), code);
            return code;
        } finally {
            out.flush();
        }
    }

    /** The call site as people read it, or {@code unknown site N} when the journal does not declare it. */
    static String describeSite(CallSite site, int id) {
        return site == null ? "unknown site " + id : site.describe();
    }

    static void text(StringBuilder line, long index, ThreadInfo thread, long seq, Event event, String site) {
        line.append('#').append(index).append(' ').append(thread.path()).append(" seq=").append(seq)
            .append(' ').append(event.kind().label());
        String value = event.describeValue();
        if (!value.isEmpty()) {
            line.append(' ').append(value);
        }
        line.append(" at ").append(site);
    }

    static void json(StringBuilder line, long index, ThreadInfo thread, long seq, Event event, String site) {
        JsonWriter w = new JsonWriter().beginObject()
            .name("index").value(index)
            .name("thread").value(thread.path())
            .name("seq").value(seq)
            .name("kind").value(event.kind().label())
            .name("value");
        ValueType type = event.kind().valueType();
        if (type == ValueType.LONG || type == ValueType.LONG_DELTA || type == ValueType.INT) {
            w.value(event.longValue());
        } else if (type == ValueType.NONE) {
            w.nullValue();
        } else {
            w.value(event.describeValue());
        }
        line.append(w.name("site").value(site).endObject());
    }
}
