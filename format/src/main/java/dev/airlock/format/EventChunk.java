package dev.airlock.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A block of encoded events for one thread. The owning thread appends and publishes after every event;
 * the journal's writer thread copies out what was published. Single producer, single consumer.
 */
final class EventChunk {

    private static final VarHandle PUBLISHED;

    static {
        try {
            PUBLISHED = MethodHandles.lookup().findVarHandle(EventChunk.class, "published", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final byte[] data;
    /** Sequence number of the first event in this chunk. Set by the owner before the chunk is shared. */
    long firstSeq;
    /** {@code count << 32 | limit}, written with release semantics by the owner. */
    @SuppressWarnings("unused")
    private long published;
    /** How much the writer thread has already written; touched by the writer thread only. */
    int flushedCount;
    int flushedLimit;

    EventChunk(int capacity) {
        data = new byte[capacity];
    }

    void reset(long firstSeq) {
        this.firstSeq = firstSeq;
        this.flushedCount = 0;
        this.flushedLimit = 0;
        PUBLISHED.setRelease(this, 0L);
    }

    void publish(int count, int limit) {
        PUBLISHED.setRelease(this, (long) count << 32 | limit);
    }

    long published() {
        return (long) PUBLISHED.getAcquire(this);
    }

    static int count(long published) {
        return (int) (published >>> 32);
    }

    static int limit(long published) {
        return (int) published;
    }
}
