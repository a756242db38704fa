package dev.airlock.format;

import java.nio.charset.StandardCharsets;

/** One decoded event; a mutable holder that {@link EventDecoder} refills, so decoding does not allocate. */
public final class Event {

    EventKind kind;
    int site;
    long longValue;
    double doubleValue;
    int nanos;
    long count;
    byte[] bytes;

    public EventKind kind() {
        return kind;
    }

    public int site() {
        return site;
    }

    /** LONG, LONG_DELTA, INT values, and the epoch second of an INSTANT. */
    public long longValue() {
        return longValue;
    }

    public double doubleValue() {
        return doubleValue;
    }

    public int nanos() {
        return nanos;
    }

    /** How many times a LONG_DELTA_COUNT value repeats. */
    public long count() {
        return count;
    }

    /** BYTES values; null when null was recorded. */
    public byte[] bytes() {
        return bytes;
    }

    /** The value as a person reads it in {@code airlock events}. */
    public String describeValue() {
        switch (kind.valueType()) {
            case NONE:
                return "";
            case LONG:
            case LONG_DELTA:
            case INT:
                return Long.toString(longValue);
            case DOUBLE:
                return Double.toString(doubleValue);
            case LONG_DELTA_COUNT:
                return longValue + " x" + count;
            case INSTANT:
                try {
                    return java.time.Instant.ofEpochSecond(longValue, nanos).toString();
                } catch (java.time.DateTimeException e) {
                    return longValue + "s+" + nanos + "ns (out of Instant's range)";
                }
            default:
                if (kind == EventKind.NET_RESOLVE && bytes != null) {
                    try {
                        return PayloadCodec.describeHosts(bytes);
                    } catch (RuntimeException e) {
                        return describeBytes(bytes);
                    }
                }
                if ((kind.label().startsWith("process.") || kind == EventKind.STDIN || kind == EventKind.NET_CONNECT
                    || kind == EventKind.NET_READ || kind == EventKind.NET_WRITE || kind == EventKind.NET_BIND
                    || kind == EventKind.NET_ACCEPT || kind.label().startsWith("file.") || kind == EventKind.NET_CHANNEL || kind == EventKind.NET_SELECT)
                    && kind != EventKind.MAIN_ARGS && bytes != null && bytes.length > 1) {
                    try {
                        return StreamPayloads.describe(kind, bytes);
                    } catch (RuntimeException e) {
                        return describeBytes(bytes);
                    }
                }
                return describeBytes(bytes);
        }
    }

    private static String describeBytes(byte[] b) {
        if (b == null) {
            return "null";
        }
        int shown = Math.min(b.length, 48);
        boolean text = true;
        for (int i = 0; i < shown; i++) {
            int c = b[i] & 0xFF;
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                text = false;
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(b.length).append(" bytes ");
        if (text) {
            String s = new String(b, 0, shown, StandardCharsets.UTF_8).replace("\n", "\\n").replace("\r", "\\r");
            sb.append('"').append(s).append(b.length > shown ? "...\"" : "\"");
        } else {
            for (int i = 0; i < Math.min(shown, 16); i++) {
                sb.append(String.format("%02x", b[i] & 0xFF));
            }
            if (b.length > 16) {
                sb.append("...");
            }
        }
        return sb.toString();
    }
}
