package dev.airlock.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One line of a journal's audit trail ({@link AuditTrail}): a flat JSON object whose members are, in
 * order, {@code seq}, {@code time}, {@code user}, {@code host}, {@code pid}, {@code event}, the event's
 * own fields, {@code prev} and {@code digest}. {@code digest} is the SHA-256 (hex) of the canonical
 * form of the entry without it: the compact JSON this class writes for the other members, in their
 * order. {@code prev} is the previous entry's digest (64 zeros for the first). Immutable.
 */
public final class AuditEntry {

    public static final String ZERO_DIGEST = "0".repeat(64);
    private static final Set<String> RESERVED = Set.of("seq", "time", "user", "host", "pid", "event", "prev", "digest");

    /** Values are {@code Long} (seq, pid) or {@code String}. */
    private final Map<String, Object> members;
    private final String line;

    private AuditEntry(Map<String, Object> members, String line) {
        this.members = members;
        this.line = line;
    }

    /** A new entry chained to {@code prev}; event fields named like a fixed member get a {@code detail.} prefix. */
    static AuditEntry create(long seq, String time, String user, String host, long pid, String event, Fields details,
                             String prev) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("time", time);
        m.put("user", user);
        m.put("host", host);
        m.put("pid", pid);
        m.put("event", event);
        if (details != null) {
            for (Map.Entry<String, String> e : details.asMap().entrySet()) {
                m.put(RESERVED.contains(e.getKey()) ? "detail." + e.getKey() : e.getKey(), e.getValue());
            }
        }
        m.put("prev", prev);
        String canonical = FlatJson.write(m);
        m.put("digest", sha256(canonical));
        return new AuditEntry(m, FlatJson.write(m));
    }

    /** Parses one line; an {@link IllegalArgumentException} when it is not a flat JSON object. */
    static AuditEntry parse(String line) {
        return new AuditEntry(FlatJson.parse(line), line);
    }

    /** The digest this entry's content has, whatever its {@code digest} member says. */
    String computedDigest() {
        Map<String, Object> m = new LinkedHashMap<>(members);
        m.remove("digest");
        return sha256(FlatJson.write(m));
    }

    /** True when the members are the fixed ones in their order, with the event's fields in between. */
    boolean wellFormed() {
        String[] head = {"seq", "time", "user", "host", "pid", "event"};
        Object[] keys = members.keySet().toArray();
        if (keys.length < head.length + 2 || !"prev".equals(keys[keys.length - 2])
            || !"digest".equals(keys[keys.length - 1])) {
            return false;
        }
        for (int i = 0; i < head.length; i++) {
            if (!head[i].equals(keys[i])) {
                return false;
            }
        }
        return members.get("seq") instanceof Long && members.get("pid") instanceof Long
            && members.get("prev") instanceof String && members.get("digest") instanceof String;
    }

    /** The sequence number, or -1 when the line has none. */
    public long seq() {
        Object v = members.get("seq");
        return v instanceof Long ? (Long) v : -1;
    }

    public String event() {
        return string("event");
    }

    public String time() {
        return string("time");
    }

    public String digest() {
        return string("digest");
    }

    public String prev() {
        return string("prev");
    }

    /** A member as text, or null. */
    public String get(String name) {
        Object v = members.get(name);
        return v == null ? null : v.toString();
    }

    /** Every member, in line order. */
    public Map<String, Object> members() {
        return Collections.unmodifiableMap(members);
    }

    /** The line as stored, without its line break. */
    public String line() {
        return line;
    }

    /**
     * The entry for people: {@code 3 2025-01-31T10:00:00Z verify by alice@box pid 4242: command="..." outcome="..."}.
     * Digests are left out.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(get("seq")).append(' ').append(get("time")).append(' ').append(get("event"))
            .append(" by ").append(get("user")).append('@').append(get("host")).append(" pid ").append(get("pid"));
        String sep = ": ";
        for (Map.Entry<String, Object> e : members.entrySet()) {
            if (RESERVED.contains(e.getKey())) {
                continue;
            }
            sb.append(sep).append(e.getKey()).append('=').append(FlatJson.write(e.getValue()));
            sep = " ";
        }
        return sb.toString();
    }

    private String string(String name) {
        Object v = members.get(name);
        return v instanceof String ? (String) v : null;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return line;
    }
}
