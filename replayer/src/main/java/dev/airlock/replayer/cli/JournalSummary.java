package dev.airlock.replayer.cli;

import dev.airlock.format.CallSite;
import dev.airlock.format.CorruptJournalException;
import dev.airlock.format.Event;
import dev.airlock.format.EventKind;
import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.ThreadInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code airlock inspect} shows about a journal, gathered in one pass ({@link InspectCommand}):
 * header, classpath digests from NOTE documents, event counts by kind and by thread, call sites, the
 * END document, and where the journal is damaged if it is. A journal damaged part-way still yields
 * everything read before the damage.
 */
final class JournalSummary {

    /** One classpath entry as the recorder noted it; any part may be null. */
    record ClasspathEntry(String path, String sha256, String bytes) {
    }

    private final Fields header;
    private final Fields notes = new Fields();
    private final long[] byKindCode = new long[256];
    private final Map<Integer, long[]> byThread = new HashMap<>();
    private Map<Integer, ThreadInfo> threads = Map.of();
    private int sites;
    private long events;
    private Fields end;
    private String damage;

    private JournalSummary(Fields header) {
        this.header = header;
    }

    /** Reads the journal in {@code dir}; a {@code JournalException} when it has no readable header. */
    static JournalSummary read(Path dir) {
        try (JournalWalk walk = JournalWalk.open(dir)) {
            JournalSummary s = new JournalSummary(walk.header());
            try {
                walk.run(new JournalWalk.Visitor() {
                    @Override
                    public boolean event(long index, ThreadInfo thread, long seq, Event event, CallSite site) {
                        s.byKindCode[event.kind().code()]++;
                        s.byThread.computeIfAbsent(thread.id(), k -> new long[1])[0]++;
                        return true;
                    }

                    @Override
                    public void note(Fields note) {
                        note.asMap().forEach(s.notes::put);
                    }

                    @Override
                    public void end(Fields endFields) {
                        s.end = endFields;
                    }
                });
            } catch (CorruptJournalException e) {
                s.damage = e.getMessage();
            }
            s.threads = new LinkedHashMap<>(walk.threads());
            s.sites = walk.siteCount();
            s.events = walk.events();
            return s;
        }
    }

    Fields header() {
        return header;
    }

    /** Classpath entries from the NOTE documents ({@code classpath.N.path/sha256/bytes}), in order. */
    List<ClasspathEntry> classpath() {
        List<ClasspathEntry> out = new ArrayList<>();
        for (int i = 0; ; i++) {
            String prefix = HeaderKeys.CLASSPATH_ENTRY + i + '.';
            String path = notes.get(prefix + "path");
            String sha = notes.get(prefix + "sha256");
            String bytes = notes.get(prefix + "bytes");
            if (path == null && sha == null && bytes == null) {
                return out;
            }
            out.add(new ClasspathEntry(path, sha, bytes));
        }
    }

    /** An exception that escaped a thread, as the recorder noted it. */
    record Uncaught(String thread, String type, String message, String stack) {
    }

    /** Exceptions that escaped a thread ({@code uncaught.N.*} notes), in the order they happened. */
    List<Uncaught> uncaught() {
        List<Uncaught> out = new ArrayList<>();
        for (int i = 0; ; i++) {
            String p = HeaderKeys.UNCAUGHT + i + '.';
            if (notes.get(p + "class") == null) {
                return out;
            }
            out.add(new Uncaught(notes.get(p + "thread"), notes.get(p + "class"), notes.get(p + "message"),
                notes.get(p + "stack")));
        }
    }

    /** The first {@code System.exit}: {@code thread}, {@code status} and {@code stack}, or null. */
    Uncaught exitPath() {
        return notes.get("exit.thread") == null ? null
            : new Uncaught(notes.get("exit.thread"), "System.exit(" + notes.get("exit.status") + ")", null,
                notes.get("exit.stack"));
    }

    /** Counts per kind, in the kinds' declaration order; kinds without events are left out. */
    Map<EventKind, Long> byKind() {
        Map<EventKind, Long> out = new EnumMap<>(EventKind.class);
        for (EventKind kind : EventKind.values()) {
            if (byKindCode[kind.code()] > 0) {
                out.put(kind, byKindCode[kind.code()]);
            }
        }
        return out;
    }

    /** Threads with their event counts, in the order the journal declared them; threads without events count 0. */
    Map<ThreadInfo, Long> byThread() {
        Map<ThreadInfo, Long> out = new LinkedHashMap<>();
        for (ThreadInfo t : threads.values()) {
            long[] count = byThread.get(t.id());
            out.put(t, count == null ? 0L : count[0]);
        }
        return out;
    }

    int sites() {
        return sites;
    }

    long events() {
        return events;
    }

    /** The END document, or null when the recording was cut short. */
    Fields end() {
        return end;
    }

    /** The message of the damage that stopped the reading, or null when the journal read to its end. */
    String damage() {
        return damage;
    }
}
