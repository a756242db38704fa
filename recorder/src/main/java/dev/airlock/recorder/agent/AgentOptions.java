package dev.airlock.recorder.agent;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's {@code key=value,key=value} options. Any unknown key or malformed value is an
 * {@link IllegalArgumentException} with a message fit for one line on stderr.
 */
public final class AgentOptions {

    private static final Map<String, String> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("journal", "directory to record into (required; created if missing; %p = process id)");
        KNOWN.put("flush-ms", "how often buffered events reach the journal, 1-10000 ms (default 10)");
        KNOWN.put("buffer-mb", "memory for events waiting for the disk, 1-1024 MiB (default 32)");
        KNOWN.put("seal-key", "HMAC key file (raw bytes, 32 or more, owner-only) to seal the journal with");
        KNOWN.put("sign-key", "Ed25519 private key file (PKCS#8 DER or PEM, owner-only) to sign the journal with");
        KNOWN.put("encrypt", "AES key file (16, 24 or 32 raw bytes, owner-only): payloads are encrypted at rest");
        KNOWN.put("policy", "policy file: packages, event kinds, caps, console bytes (see README)");
        KNOWN.put("max-bytes", "stop recording once the journal holds this many bytes (k, m, g suffixes allowed)");
        KNOWN.put("bundle", "true: copy the classpath into DIR/bundle at start, so the journal replays anywhere");
        KNOWN.put("threads", "how threads are recorded: serial (one runs at a time; replay repeats the interleaving, "
            + "data races included; default), ordered (threads run in parallel; replay repeats the order of each "
            + "monitor, lock and atomic) or free (threads run in parallel; each thread's own inputs only)");
        KNOWN.put("quantum", "threads=serial: mean scheduling points a thread runs before another may take over, "
            + "1-100000000 (default 1000)");
        KNOWN.put("preempt", "threads=serial: where the recorder may switch threads: calls (method entries and loop "
            + "back-edges; default) or memory (also before every field and array element access, so a race inside "
            + "one statement, like count++, can lose updates as it does without Airlock; slower)");
        KNOWN.put("max-duration", "stop recording after this long (s, m, h suffixes; plain numbers are seconds)");
    }

    private final Map<String, String> values;
    private final String raw;

    private AgentOptions(String raw, Map<String, String> values) {
        this.raw = raw;
        this.values = values;
    }

    public static AgentOptions parse(String raw, String... requiredKeys) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw != null && !raw.isBlank()) {
            for (String part : raw.split(",")) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("malformed agent option '" + part + "': expected key=value");
                }
                String key = part.substring(0, eq).trim();
                String value = part.substring(eq + 1).trim();
                if (!KNOWN.containsKey(key)) {
                    throw new IllegalArgumentException("unknown agent option '" + key + "' (known: "
                        + String.join(", ", KNOWN.keySet()) + ")");
                }
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("agent option '" + key + "' needs a value");
                }
                if (values.put(key, value) != null) {
                    throw new IllegalArgumentException("agent option '" + key + "' given twice");
                }
            }
        }
        for (String key : requiredKeys) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("missing agent option '" + key + "=' (" + KNOWN.get(key) + ")");
            }
        }
        AgentOptions options = new AgentOptions(raw == null ? "" : raw, values);
        options.flushMillis();
        options.bufferBytes();
        options.maxBytes();
        options.maxDurationMillis();
        options.threads();
        options.quantum();
        options.preempt();
        return options;
    }

    /** Registers an option that only some agent (replay) understands. */
    public static synchronized void allow(String key, String help) {
        KNOWN.putIfAbsent(key, help);
    }

    /** The thread mode: {@code serial} (the default), {@code ordered} or {@code free}. */
    public String threads() {
        String mode = values.getOrDefault("threads", "serial");
        if (!mode.equals("serial") && !mode.equals("ordered") && !mode.equals("free")) {
            throw new IllegalArgumentException("agent option 'threads' must be serial, ordered or free, not '" + mode
                + "'");
        }
        return mode;
    }

    public boolean serialThreads() {
        return threads().equals("serial");
    }

    public boolean orderedThreads() {
        return threads().equals("ordered");
    }

    /** {@code threads=serial}: {@code calls} (the default) or {@code memory}. */
    public String preempt() {
        String where = values.getOrDefault("preempt", "calls");
        if (!where.equals("calls") && !where.equals("memory")) {
            throw new IllegalArgumentException("agent option 'preempt' must be calls or memory, not '" + where + "'");
        }
        if (values.containsKey("preempt") && !serialThreads()) {
            throw new IllegalArgumentException("agent option 'preempt' applies to threads=serial only");
        }
        return where;
    }

    public int quantum() {
        return (int) number("quantum", 1000, 1, 100_000_000);
    }

    public String raw() {
        return raw;
    }

    public String get(String key) {
        return values.get(key);
    }

    /**
     * The journal directory; {@code %p} in it stands for the process id, so one option (in
     * {@code JAVA_TOOL_OPTIONS}, say) can serve many JVMs.
     */
    public Path journal() {
        String dir = values.get("journal").replace("%p", Long.toString(ProcessHandle.current().pid()));
        return Paths.get(dir).toAbsolutePath().normalize();
    }

    public long flushMillis() {
        return number("flush-ms", 10, 1, 10_000);
    }

    public long bufferBytes() {
        return number("buffer-mb", 32, 1, 1024) << 20;
    }

    /** Journal size at which recording stops, or 0 for no cap. */
    public long maxBytes() {
        return scaled("max-bytes", new String[] {"k", "m", "g"}, new long[] {1L << 10, 1L << 20, 1L << 30}, 1);
    }

    /** Recording time after which recording stops, or 0 for no cap. */
    public long maxDurationMillis() {
        return scaled("max-duration", new String[] {"s", "m", "h"}, new long[] {1000, 60_000, 3_600_000}, 1000);
    }

    private long scaled(String key, String[] suffixes, long[] factors, long plainFactor) {
        String v = values.get(key);
        if (v == null) {
            return 0;
        }
        String digits = v.toLowerCase(java.util.Locale.ROOT);
        long factor = plainFactor;
        for (int i = 0; i < suffixes.length; i++) {
            if (digits.endsWith(suffixes[i])) {
                digits = digits.substring(0, digits.length() - 1);
                factor = factors[i];
            }
        }
        try {
            long n = Long.parseLong(digits);
            if (n <= 0 || n > Long.MAX_VALUE / factor) {
                throw new NumberFormatException();
            }
            return n * factor;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("agent option '" + key + "' must be a positive number with an optional "
                + String.join("/", suffixes) + " suffix, not '" + v + "'");
        }
    }

    private long number(String key, long fallback, long min, long max) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException("agent option '" + key + "' must be between " + min + " and " + max
                    + ", not " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("agent option '" + key + "' must be a number, not '" + v + "'");
        }
    }
}
