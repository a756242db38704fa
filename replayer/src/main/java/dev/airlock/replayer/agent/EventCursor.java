package dev.airlock.replayer.agent;

import dev.airlock.format.CorruptJournalException;
import dev.airlock.format.Event;
import dev.airlock.format.EventDecoder;
import dev.airlock.format.JournalDocument;
import dev.airlock.format.JournalReader;
import java.util.List;

/** One recorded thread's events, in order, read block by block with a reader of its own. */
final class EventCursor {

    private final JournalReader reader;
    private final List<Long> blocks;
    private final EventDecoder decoder = new EventDecoder();
    private final Event event = new Event();
    private int nextBlock;
    private boolean inBlock;
    private long consumed;

    EventCursor(JournalReader reader, List<Long> blocks) {
        this.reader = reader;
        this.blocks = blocks;
    }

    /** The next recorded event (a reused holder), or null when the thread's recording ends. */
    Event next() {
        while (!inBlock || !decoder.hasNext()) {
            if (nextBlock >= blocks.size()) {
                return null;
            }
            long index = blocks.get(nextBlock++);
            if (!reader.moveTo(index)) {
                throw new CorruptJournalException("block at queue index " + index + " is gone");
            }
            JournalDocument doc = reader.next();
            if (doc == null) {
                throw new CorruptJournalException("block at queue index " + index + " cannot be read");
            }
            doc.decodeWith(decoder);
            inBlock = true;
        }
        decoder.next(event);
        consumed++;
        return event;
    }

    /** Sequence number of the event {@link #next} returned last. */
    long sequence() {
        return consumed - 1;
    }

    long consumed() {
        return consumed;
    }
}
