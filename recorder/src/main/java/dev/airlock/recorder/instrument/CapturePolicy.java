package dev.airlock.recorder.instrument;

import dev.airlock.format.EventKind;
import dev.airlock.format.Fields;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an operator's policy file allows the agent to capture: which application packages are rewritten
 * and which event kinds are recorded, and whether console bytes are kept or only checked. Recording keeps
 * the policy in the journal header and replay applies the same one, so both rewrite the same calls.
 */
public final class CapturePolicy {

    /** Header keys carry the policy file's keys under this prefix. */
    public static final String HEADER_PREFIX = "policy.";

    public static final CapturePolicy ALL = new CapturePolicy(List.of(), List.of(), EnumSet.allOf(EventKind.class), true);

    private static final Set<String> KEYS = Set.of("instrument.include", "instrument.exclude", "record.kinds",
        "max.bytes", "max.duration", "on.cap", "console.bytes",
        // Read by the snapshot agent (SnapshotPolicy), allowed here so one policy file serves both.
        "snapshots", "snapshots.packages");

    private final List<String> include;
    private final List<String> exclude;
    private final Set<EventKind> kinds;
    private final boolean keepConsoleBytes;

    private CapturePolicy(List<String> include, List<String> exclude, Set<EventKind> kinds, boolean keepConsoleBytes) {
        this.include = include;
        this.exclude = exclude;
        this.kinds = kinds;
        this.keepConsoleBytes = keepConsoleBytes;
    }

    /**
     * Reads a policy from its keys (a policy file, or the {@code policy.*} keys of a journal header with the
     * prefix removed). Unknown keys and values are an {@link IllegalArgumentException} with a one-line message.
     */
    public static CapturePolicy parse(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown policy key '" + key + "' (known: " + String.join(", ",
                    new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        String onCap = settings.getOrDefault("on.cap", "stop");
        if (!onCap.equals("stop")) {
            throw new IllegalArgumentException("policy on.cap must be 'stop' (recording stops, the application runs on), not '"
                + onCap + "'");
        }
        String console = settings.getOrDefault("console.bytes", "keep");
        if (!console.equals("keep") && !console.equals("digest")) {
            throw new IllegalArgumentException("policy console.bytes must be keep or digest, not '" + console + "'");
        }
        return new CapturePolicy(prefixes(settings.get("instrument.include")), prefixes(settings.get("instrument.exclude")),
            kinds(settings.get("record.kinds")), console.equals("keep"));
    }

    /** The policy recorded in a journal header; {@link #ALL} when the recording had none. */
    public static CapturePolicy fromHeader(Fields header) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        header.asMap().forEach((k, v) -> {
            if (k.startsWith(HEADER_PREFIX) && !k.equals(HEADER_PREFIX + "sha256") && !k.equals(HEADER_PREFIX + "file")) {
                settings.put(k.substring(HEADER_PREFIX.length()), v);
            }
        });
        return settings.isEmpty() ? ALL : parse(settings);
    }

    private static List<String> prefixes(String list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String p : list.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.trim().replace('.', '/'));
                }
            }
        }
        return out;
    }

    private static Set<EventKind> kinds(String list) {
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(EventKind.class);
        }
        Set<EventKind> out = EnumSet.of(EventKind.THREAD_START);
        for (String item : list.split(",")) {
            String want = item.trim().toLowerCase(Locale.ROOT);
            boolean matched = false;
            for (EventKind k : EventKind.values()) {
                boolean hit = want.endsWith("*") ? k.label().startsWith(want.substring(0, want.length() - 1))
                    : k.label().equals(want);
                if (hit) {
                    out.add(k);
                    matched = true;
                }
            }
            if (!matched) {
                throw new IllegalArgumentException("policy record.kinds names no event kind: '" + item.trim() + "'");
            }
        }
        return out;
    }

    /** Whether an application class (internal name) is rewritten. */
    public boolean instruments(String className) {
        for (String p : exclude) {
            if (className.startsWith(p)) {
                return false;
            }
        }
        if (include.isEmpty()) {
            return true;
        }
        for (String p : include) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    public boolean records(EventKind kind) {
        return kinds.contains(kind);
    }

    /** False when the policy keeps only the length and a checksum of each console write. */
    public boolean keepsConsoleBytes() {
        return keepConsoleBytes;
    }
}
