package dev.airlock.format;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ordered string map with a compact binary form; the journal header and the end-of-recording
 * document are both one. Unknown keys are kept, so newer writers stay readable by older readers.
 */
public final class Fields {

    private final Map<String, String> values = new LinkedHashMap<>();

    public Fields put(String key, Object value) {
        if (value != null) {
            values.put(key, String.valueOf(value));
        }
        return this;
    }

    /** Adds every entry of {@code other}, in its order. */
    public Fields putAll(Fields other) {
        values.putAll(other.values);
        return this;
    }

    public String get(String key) {
        return values.get(key);
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public long getLong(String key, long fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** Values stored under {@code prefix + i} for i = 0, 1, ... until one is missing. */
    public java.util.List<String> list(String prefix) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; values.containsKey(prefix + i); i++) {
            out.add(values.get(prefix + i));
        }
        return out;
    }

    public byte[] encode() {
        ByteSink out = new ByteSink(256);
        out.writeUnsigned(values.size());
        for (Map.Entry<String, String> e : values.entrySet()) {
            out.writeString(e.getKey());
            out.writeString(e.getValue());
        }
        return out.toByteArray();
    }

    public static Fields decode(byte[] bytes, int offset, int limit) {
        Varints.Reader in = new Varints.Reader();
        in.reset(bytes, offset, limit);
        long count = in.readUnsigned();
        if (count < 0 || count > limit - offset) {
            throw new CorruptJournalException("field count " + count + " is larger than its document");
        }
        Fields fields = new Fields();
        for (long i = 0; i < count; i++) {
            String key = readString(in);
            String value = readString(in);
            fields.values.put(key, value);
        }
        return fields;
    }

    static String readString(Varints.Reader in) {
        byte[] b = in.readBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
