package dev.airlock.recorder.snapshot;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What {@code airlock snapshot} asks of a JVM, passed as a properties file because a condition may hold
 * any character. {@code action} is {@code inject}, {@code clear} or {@code list}.
 */
public record SnapshotRequest(String action, String className, int line, String condition, int hits,
                              long expireMillis, Path out, String user) {

    public static final int DEFAULT_HITS = 1;
    public static final long DEFAULT_EXPIRE_MILLIS = 10 * 60_000L;

    public static SnapshotRequest inject(String className, int line, String condition, int hits, long expireMillis,
                                         Path out) {
        return new SnapshotRequest("inject", className, line, condition, hits, expireMillis, out, currentUser());
    }

    public static SnapshotRequest clear() {
        return new SnapshotRequest("clear", null, 0, null, 0, 0, null, currentUser());
    }

    public static SnapshotRequest list() {
        return new SnapshotRequest("list", null, 0, null, 0, 0, null, currentUser());
    }

    /** {@code com.acme.OrderService:142} as a class name and a line; one-line errors otherwise. */
    public static String[] parseAt(String at) {
        int colon = at == null ? -1 : at.lastIndexOf(':');
        if (colon <= 0 || colon == at.length() - 1) {
            throw new IllegalArgumentException("--at takes CLASS:LINE, e.g. com.acme.OrderService:142, not '" + at + "'");
        }
        String name = at.substring(0, colon);
        if (!name.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*)*")) {
            throw new IllegalArgumentException("--at: '" + name + "' is not a class name such as com.acme.OrderService");
        }
        try {
            int line = Integer.parseInt(at.substring(colon + 1));
            if (line <= 0) {
                throw new NumberFormatException();
            }
            return new String[] {name, Integer.toString(line)};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--at: the line must be a positive number, not '" + at.substring(colon + 1) + "'");
        }
    }

    /** Durations such as {@code 30s}, {@code 10m}, {@code 2h} or {@code 500ms}. */
    public static long parseDuration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        long factor;
        if (t.endsWith("ms")) {
            factor = 1;
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            factor = 1000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            factor = 60_000;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            factor = 3_600_000;
            t = t.substring(0, t.length() - 1);
        } else {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 10m or 2h");
        }
        try {
            long n = Long.parseLong(t);
            if (n <= 0 || n > Long.MAX_VALUE / factor) {
                throw new NumberFormatException();
            }
            return n * factor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration such as 30s, 10m or 2h");
        }
    }

    public String encode() {
        Properties p = new Properties();
        p.setProperty("action", action);
        put(p, "class", className);
        put(p, "line", line == 0 ? null : Integer.toString(line));
        put(p, "when", condition);
        put(p, "hits", hits == 0 ? null : Integer.toString(hits));
        put(p, "expire.ms", expireMillis == 0 ? null : Long.toString(expireMillis));
        put(p, "out", out == null ? null : out.toString());
        put(p, "user", user);
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public static SnapshotRequest decode(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String out = p.getProperty("out");
        return new SnapshotRequest(p.getProperty("action", ""), p.getProperty("class"),
            Integer.parseInt(p.getProperty("line", "0")), p.getProperty("when"),
            Integer.parseInt(p.getProperty("hits", "0")), Long.parseLong(p.getProperty("expire.ms", "0")),
            out == null ? null : Path.of(out), p.getProperty("user"));
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    private static String currentUser() {
        return System.getProperty("user.name", "?");
    }
}
