package dev.airlock.replayer.cli;

import dev.airlock.format.CallSite;
import dev.airlock.format.CorruptJournalException;
import dev.airlock.format.DocType;
import dev.airlock.format.Event;
import dev.airlock.format.EventDecoder;
import dev.airlock.format.Fields;
import dev.airlock.format.JournalDocument;
import dev.airlock.format.JournalException;
import dev.airlock.format.JournalReader;
import dev.airlock.format.ThreadInfo;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a journal front to back for the commands that look into one ({@link EventsCommand},
 * {@link JournalSummary}): keeps the call sites and threads declared so far and one
 * {@link EventDecoder} per thread, numbers events in reading order (the global event index) and hands
 * each one, with its thread, sequence number and call site, to a {@link Visitor}.
 */
final class JournalWalk implements AutoCloseable {

    /** Receives what the walk reads. */
    interface Visitor {
        /**
         * One event. {@code event} is refilled for the next one, so copy what must be kept. {@code site}
         * is null when the journal does not declare it. Return false to stop the walk.
         */
        boolean event(long index, ThreadInfo thread, long seq, Event event, CallSite site);

        default void note(Fields note) {
        }

        default void end(Fields end) {
        }
    }

    private final JournalReader reader;
    private final Fields header;
    private final Map<Integer, CallSite> sites = new HashMap<>();
    private final Map<Integer, ThreadInfo> threads = new LinkedHashMap<>();
    private final Map<Integer, EventDecoder> decoders = new HashMap<>();
    private final Event event = new Event();
    private long events;

    private JournalWalk(JournalReader reader, Fields header) {
        this.reader = reader;
        this.header = header;
    }

    /** Opens the journal and reads its header; a {@code JournalException} when either fails. */
    static JournalWalk open(Path dir) {
        JournalReader reader = JournalReader.open(dir);
        try {
            return new JournalWalk(reader, reader.readHeader());
        } catch (RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    Fields header() {
        return header;
    }

    /** Threads met so far, in the order the journal declared them. */
    Map<Integer, ThreadInfo> threads() {
        return Collections.unmodifiableMap(threads);
    }

    int siteCount() {
        return sites.size();
    }

    /** Events read so far. */
    long events() {
        return events;
    }

    /**
     * Reads to the end of the journal or until the visitor stops it. Throws
     * {@code CorruptJournalException} at a damaged document; what was read before stays counted.
     */
    void run(Visitor visitor) {
        JournalDocument doc;
        while ((doc = reader.next()) != null) {
            DocType type = doc.type();
            if (type == DocType.SITES) {
                for (CallSite site : doc.sites()) {
                    sites.put(site.id(), site);
                }
            } else if (type == DocType.THREAD) {
                ThreadInfo t = doc.thread();
                threads.put(t.id(), t);
            } else if (type == DocType.NOTE) {
                visitor.note(doc.fields());
            } else if (type == DocType.END) {
                visitor.end(doc.fields());
            } else if (type == DocType.BLOCK && !block(doc, visitor)) {
                return;
            }
        }
    }

    private boolean block(JournalDocument doc, Visitor visitor) {
        int id = doc.blockThread();
        ThreadInfo thread = threads.computeIfAbsent(id, k -> new ThreadInfo(k, "thread#" + k, "?", false));
        EventDecoder decoder = decoders.computeIfAbsent(id, k -> new EventDecoder());
        doc.decodeWith(decoder);
        long seq = doc.blockFirstSeq();
        while (decoder.hasNext()) {
            decode(decoder, doc);
            long index = events++;
            if (!visitor.event(index, thread, seq++, event, sites.get(event.site()))) {
                return false;
            }
        }
        return true;
    }

    private void decode(EventDecoder decoder, JournalDocument doc) {
        try {
            decoder.next(event);
        } catch (JournalException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CorruptJournalException("event " + events + " (in the block at queue index " + doc.index()
                + ") cannot be decoded: " + e, e);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
