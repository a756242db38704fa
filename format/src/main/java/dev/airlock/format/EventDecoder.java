package dev.airlock.format;

/**
 * Decodes the events of one thread's blocks, in order. Keeps the delta bases between blocks of the same
 * chunk, so feed it one thread's blocks in journal order.
 */
public final class EventDecoder {

    private final Varints.Reader in = new Varints.Reader();
    private final long[] deltaBase = new long[256];

    void reset(byte[] body, int from, int limit, boolean chunkStart) {
        in.reset(body, from, limit);
        if (chunkStart) {
            java.util.Arrays.fill(deltaBase, 0L);
        }
    }

    public boolean hasNext() {
        return in.hasMore();
    }

    /** Decodes the next event into {@code into}. */
    public void next(Event into) {
        int code = in.readByte();
        EventKind kind = EventKind.ofCode(code);
        if (kind == null) {
            throw new CorruptJournalException("unknown event kind " + code + " at block offset " + (in.position() - 1));
        }
        into.kind = kind;
        into.site = (int) in.readUnsigned();
        into.bytes = null;
        switch (kind.valueType()) {
            case NONE:
                break;
            case LONG_DELTA:
                into.longValue = deltaBase[code] + in.readSigned();
                deltaBase[code] = into.longValue;
                break;
            case LONG:
            case INT:
                into.longValue = in.readSigned();
                break;
            case DOUBLE:
                into.doubleValue = Double.longBitsToDouble(in.readFixedLong());
                break;
            case INSTANT:
                into.longValue = deltaBase[code] + in.readSigned();
                deltaBase[code] = into.longValue;
                into.nanos = (int) in.readUnsigned();
                break;
            case BYTES:
                into.bytes = in.readBytes();
                break;
            case LONG_DELTA_COUNT:
                into.longValue = deltaBase[code] + in.readSigned();
                deltaBase[code] = into.longValue;
                into.count = in.readUnsigned();
                break;
            default:
                throw new CorruptJournalException("unhandled value type " + kind.valueType());
        }
    }
}
