package dev.airlock.format;

/**
 * Payloads of {@link EventKind#NET_CHANNEL}: {@code op (byte), what (string), status}, then for status 0
 * the value (long) and the descriptor number the recording had (int), or for status 2 an exception
 * class and message. The recorded descriptor lets replay translate what a recorded selector reported
 * into its own descriptors. Ops: {@code C} connect, {@code F} finish connect, {@code B} bind,
 * {@code A} accept (what: the client's address and port), {@code L} local address (what: address and
 * port), {@code a} available, {@code P} a blocking wait with a timeout (its poll result).
 */
public final class ChannelPayloads {

    private ChannelPayloads() {
    }

    /** A decoded channel event. */
    public record Channel(char op, String what, long value, int fd, String exceptionClass, String message) {

        public boolean failed() {
            return exceptionClass != null;
        }
    }

    public static byte[] done(char op, String what, long value, int fd) {
        FilePayloads.Out o = new FilePayloads.Out(op, what);
        o.byteValue(0);
        o.longValue(value);
        o.intValue(fd);
        return o.bytes();
    }

    public static byte[] failed(char op, String what, Throwable failure) {
        FailureListener.recording(failure);
        FilePayloads.Out o = new FilePayloads.Out(op, what);
        o.byteValue(2);
        o.string(failure.getClass().getName());
        o.string(String.valueOf(failure.getMessage()));
        return o.bytes();
    }

    public static Channel channel(byte[] p) {
        FilePayloads.In in = new FilePayloads.In(p);
        char op = (char) in.byteValue();
        String what = in.string();
        if (in.byteValue() == 2) {
            return new Channel(op, what, 0, -1, in.string(), in.string());
        }
        return new Channel(op, what, in.longValue(), in.intValue(), null, null);
    }

    public static String operation(char op) {
        return switch (op) {
            case 'C' -> "connect";
            case 'F' -> "finish-connect";
            case 'B' -> "bind";
            case 'A' -> "accept";
            case 'L' -> "local-address";
            case 'a' -> "available";
            case 'P' -> "poll";
            default -> String.valueOf(op);
        };
    }

    static String describe(byte[] p) {
        Channel c = channel(p);
        return operation(c.op()) + " " + c.what() + (c.failed() ? " failed: " + c.exceptionClass() + ": " + c.message()
            : " = " + c.value() + " (fd " + c.fd() + ")");
    }
}
