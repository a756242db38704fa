package dev.airlock.replayer.cli;

/**
 * A minimal JSON writer for the little JSON the CLI emits: the {@code replay --report} file
 * ({@link ReplayReport}) and the {@code events --json} lines ({@link EventsCommand}). Objects, strings,
 * numbers, booleans and null; strings are escaped per RFC 8259. Not thread-safe; one per document.
 *
 * <pre>{@code new JsonWriter().beginObject().name("matched").value(true).endObject().toString()}</pre>
 */
public final class JsonWriter {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder();
    private final boolean pretty;
    /** Per open object or array: whether it has a member yet, and whether it is an array. */
    private boolean[] hasMember = new boolean[8];
    private boolean[] isArray = new boolean[8];
    private int depth;
    private boolean afterName;

    /** A compact writer: no whitespace, one document per line. */
    public JsonWriter() {
        this(false);
    }

    /** {@code pretty}: one member per line, indented by two spaces. */
    public JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        open(false);
        return this;
    }

    /** Arrays hold values without names; used for lists such as a stack trace. */
    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        open(true);
        return this;
    }

    public JsonWriter endArray() {
        if (depth == 0 || !isArray[depth]) {
            throw new IllegalStateException("no array to end here");
        }
        boolean had = hasMember[depth--];
        if (pretty && had) {
            newline();
        }
        out.append(']');
        return this;
    }

    private void open(boolean array) {
        if (++depth == hasMember.length) {
            hasMember = java.util.Arrays.copyOf(hasMember, depth * 2);
            isArray = java.util.Arrays.copyOf(isArray, depth * 2);
        }
        hasMember[depth] = false;
        isArray[depth] = array;
    }

    public JsonWriter endObject() {
        if (depth == 0 || afterName || isArray[depth]) {
            throw new IllegalStateException("no object to end here");
        }
        boolean had = hasMember[depth--];
        if (pretty && had) {
            newline();
        }
        out.append('}');
        return this;
    }

    public JsonWriter name(String name) {
        if (depth == 0 || afterName || isArray[depth]) {
            throw new IllegalStateException("a name belongs inside an object, before a value");
        }
        if (hasMember[depth]) {
            out.append(',');
        }
        hasMember[depth] = true;
        if (pretty) {
            newline();
        }
        quote(name);
        out.append(pretty ? ": " : ":");
        afterName = true;
        return this;
    }

    /** A string, or null. */
    public JsonWriter value(String value) {
        beforeValue();
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    /** A number, or null. */
    public JsonWriter value(Long value) {
        return value == null ? nullValue() : value(value.longValue());
    }

    public JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** The document written so far. */
    @Override
    public String toString() {
        return out.toString();
    }

    /** {@code s} as a JSON string literal, quotes included. */
    public static String quoted(String s) {
        JsonWriter w = new JsonWriter();
        w.quote(s);
        return w.out.toString();
    }

    private void beforeValue() {
        if (depth > 0 && isArray[depth]) {
            if (hasMember[depth]) {
                out.append(',');
            }
            hasMember[depth] = true;
            if (pretty) {
                newline();
            }
            return;
        }
        if (depth > 0 && !afterName) {
            throw new IllegalStateException("a value inside an object needs a name first");
        }
        afterName = false;
    }

    private void newline() {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
                        // Control characters must be escaped; U+2028/2029 for JavaScript readers; a lone
                        // surrogate has no UTF-8 form, so it survives only escaped.
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                            .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
