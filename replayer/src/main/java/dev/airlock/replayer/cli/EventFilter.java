package dev.airlock.replayer.cli;

import dev.airlock.format.EventKind;
import dev.airlock.format.ThreadInfo;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which events {@code airlock events} prints ({@link EventsCommand}): all the given criteria must hold.
 * A thread criterion matches the thread path ({@code main/2}), the thread name, or the numeric thread
 * id; a kind criterion the kind ({@link EventKind#ofName}); a site criterion is a case-sensitive
 * substring of the call site's {@code Class.method(File.java:line)}. A null criterion matches anything.
 */
final class EventFilter {

    private final String thread;
    private final EventKind kind;
    private final String site;

    EventFilter(String thread, EventKind kind, String site) {
        this.thread = thread;
        this.kind = kind;
        this.site = site;
    }

    /** Parses the command's options; an {@code IllegalArgumentException} naming the valid kinds for a bad kind. */
    static EventFilter of(String thread, String kindName, String site) {
        EventKind kind = null;
        if (kindName != null) {
            kind = EventKind.ofName(kindName);
            if (kind == null) {
                throw new IllegalArgumentException("unknown event kind '" + kindName + "'; valid kinds: " + validKinds());
            }
        }
        return new EventFilter(thread, kind, site);
    }

    /** The kind labels, comma-separated, for messages and help. */
    static String validKinds() {
        return Arrays.stream(EventKind.values()).map(EventKind::label).collect(Collectors.joining(", "));
    }

    boolean matches(ThreadInfo eventThread, EventKind eventKind, String siteText) {
        return (kind == null || kind == eventKind)
            && (thread == null || matchesThread(eventThread))
            && (site == null || (siteText != null && siteText.contains(site)));
    }

    private boolean matchesThread(ThreadInfo t) {
        return thread.equals(t.path()) || thread.equals(t.name()) || thread.equals(Integer.toString(t.id()));
    }
}
