package dev.airlock.replayer.cli;

import dev.airlock.format.CallSite;
import dev.airlock.format.Event;
import dev.airlock.format.EventKind;
import dev.airlock.format.Fields;
import dev.airlock.format.ThreadInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the HTML report draws, read from a journal in one pass and in bounded memory: per thread, its
 * events in {@link #BUCKETS} slices of the journal (count, the most frequent kind, bytes read from
 * outside), the wall-clock time the recording's own clock reads gave at each slice, thread switches in
 * journal order, and the exceptions and exit path the recorder noted.
 */
final class TimelineData {

    static final int BUCKETS = 200;

    /** One thread's lane. */
    static final class Lane {
        final String path;
        final String name;
        final long[] counts = new long[BUCKETS];
        final long[] ioBytes = new long[BUCKETS];
        final int[][] kinds = new int[BUCKETS][];

        /** Kinds drawn as one colour each: the prefix of their label. */
        static final String[] GROUPS = {"clock", "random", "env", "runtime", "console", "process", "net", "thread"};

        static int group(EventKind kind) {
            String label = kind.label();
            for (int g = 0; g < GROUPS.length; g++) {
                if (label.startsWith(GROUPS[g] + ".")) {
                    return g;
                }
            }
            return GROUPS.length - 1;
        }
        long events;

        Lane(String path, String name) {
            this.path = path;
            this.name = name;
        }

        /** The most frequent kind group in slice {@code b} (see {@link #GROUPS}), or null when it has no event. */
        String mainGroup(int b) {
            if (kinds[b] == null) {
                return null;
            }
            int best = 0;
            for (int g = 1; g < kinds[b].length; g++) {
                if (kinds[b][g] > kinds[b][best]) {
                    best = g;
                }
            }
            return GROUPS[best];
        }
    }

    /**
     * By thread id; the logical threads of ordered mode (task runs, stage functions: there may be
     * thousands) share one lane per pool thread they ran on, keyed by its name.
     */
    final Map<Object, Lane> lanes = new LinkedHashMap<>();
    final long[] wallMillis = new long[BUCKETS];
    final List<String[]> failures = new ArrayList<>();
    Fields header;
    long total;
    long switches;
    String exitPath;

    private TimelineData() {
    }

    static TimelineData read(Path journal, long totalEvents) {
        TimelineData d = new TimelineData();
        d.total = Math.max(1, totalEvents);
        Fields notes = new Fields();
        try (JournalWalk walk = JournalWalk.open(journal)) {
            d.header = walk.header();
            int[] lastThread = {-1};
            long[] lastMillis = {0};
            walk.run(new JournalWalk.Visitor() {
                @Override
                public boolean event(long index, ThreadInfo thread, long seq, Event event, CallSite site) {
                    int b = (int) Math.min(BUCKETS - 1, index * BUCKETS / d.total);
                    Lane lane = thread.logical()
                        ? d.lanes.computeIfAbsent("runs on " + thread.name(), k -> new Lane("task runs", thread.name()))
                        : d.lanes.computeIfAbsent(thread.id(), id -> new Lane(thread.path(), thread.name()));
                    lane.events++;
                    lane.counts[b]++;
                    if (lane.kinds[b] == null) {
                        lane.kinds[b] = new int[Lane.GROUPS.length];
                    }
                    lane.kinds[b][Lane.group(event.kind())]++;
                    EventKind k = event.kind();
                    if ((k == EventKind.NET_READ || k == EventKind.PROCESS_READ || k == EventKind.STDIN)
                        && event.bytes() != null) {
                        lane.ioBytes[b] += Math.max(0, event.bytes().length - 2);
                    }
                    if (k == EventKind.CLOCK_MILLIS) {
                        lastMillis[0] = event.longValue();
                    }
                    if (d.wallMillis[b] == 0 && lastMillis[0] != 0) {
                        d.wallMillis[b] = lastMillis[0];
                    }
                    if (lastThread[0] != -1 && lastThread[0] != thread.id()) {
                        d.switches++;
                    }
                    lastThread[0] = thread.id();
                    return true;
                }

                @Override
                public void note(Fields note) {
                    notes.putAll(note);
                }
            });
        }
        for (int i = 0; notes.get("uncaught." + i + ".class") != null; i++) {
            String p = "uncaught." + i + ".";
            d.failures.add(new String[] {notes.get(p + "thread"), notes.get(p + "class") + ": " + notes.get(p + "message"),
                notes.get(p + "stack")});
        }
        if (notes.get("exit.thread") != null) {
            d.exitPath = "System.exit(" + notes.get("exit.status") + ") on thread " + notes.get("exit.thread") + "\n"
                + notes.get("exit.stack");
        }
        return d;
    }
}
