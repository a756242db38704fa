package dev.airlock.format;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of audit lines ({@link AuditEntry}): one object per line whose members are strings or
 * integers, nothing nested. {@link #write} is the canonical form digests are taken over: compact, members
 * in order, strings escaped as RFC 8259 requires ({@code \" \\ \b \f \n \r \t}, other control characters
 * U+2028/U+2029 and lone surrogates as {@code \}{@code uXXXX}), everything else as is.
 */
final class FlatJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FlatJson() {
    }

    static String write(Map<String, Object> members) {
        StringBuilder sb = new StringBuilder(256).append('{');
        for (Map.Entry<String, Object> e : members.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            quote(sb, e.getKey());
            sb.append(':');
            value(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    /** One value: a quoted string or an integer. */
    static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        value(sb, value);
        return sb.toString();
    }

    private static void value(StringBuilder sb, Object v) {
        if (v instanceof Long) {
            sb.append((long) (Long) v);
        } else {
            quote(sb, String.valueOf(v));
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) {
                        // A lone surrogate has no UTF-8 form: escaped, it reads back as it was.
                        sb.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF]).append(HEX[c >> 4 & 0xF])
                            .append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Parses one flat object; an {@link IllegalArgumentException} saying where it is not one. */
    static Map<String, Object> parse(String text) {
        return new Parser(text).object();
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            skipSpace();
            expect('{');
            skipSpace();
            if (peek() == '}') {
                i++;
            } else {
                while (true) {
                    skipSpace();
                    String key = string();
                    skipSpace();
                    expect(':');
                    skipSpace();
                    Object value = peek() == '"' ? string() : number();
                    if (m.put(key, value) != null) {
                        throw fail("member '" + key + "' appears twice");
                    }
                    skipSpace();
                    char c = next();
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw fail("expected ',' or '}'");
                    }
                }
            }
            skipSpace();
            if (i != s.length()) {
                throw fail("text after the object");
            }
            return m;
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw fail("unescaped control character in a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw fail("short \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw fail("bad \\u escape");
                        }
                        i += 4;
                    }
                    default -> throw fail("bad escape \\" + e);
                }
            }
        }

        private Long number() {
            int start = i;
            if (peek() == '-') {
                i++;
            }
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            try {
                return Long.parseLong(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw fail("expected a string or an integer");
            }
        }

        private void skipSpace() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private char next() {
            if (i >= s.length()) {
                throw fail("the line ends early");
            }
            return s.charAt(i++);
        }

        private void expect(char c) {
            if (next() != c) {
                throw fail("expected '" + c + "'");
            }
        }

        private IllegalArgumentException fail(String why) {
            return new IllegalArgumentException("not an audit entry: " + why + " at column " + (i + 1));
        }
    }
}
