package dev.airlock.format;

/** How an event's value is laid out after its kind and call site. See docs/journal-format.md. */
public enum ValueType {
    /** No value: the event marks that something happened. */
    NONE,
    /** A long stored as the zig-zag varint of its difference to the previous value of the same kind. */
    LONG_DELTA,
    /** A long stored as a zig-zag varint. */
    LONG,
    /** An int stored as a zig-zag varint. */
    INT,
    /** A double stored as its 8 raw IEEE-754 bytes, little-endian. */
    DOUBLE,
    /** An instant: epoch seconds as {@link #LONG_DELTA}, then nanos as a varint. */
    INSTANT,
    /** A length-prefixed byte string; length -1 means null. */
    BYTES,
    /** A long as {@link #LONG_DELTA}, then how many times it repeats (2 or more) as a varint. */
    LONG_DELTA_COUNT
}
