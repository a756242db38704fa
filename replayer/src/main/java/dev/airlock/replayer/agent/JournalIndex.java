package dev.airlock.replayer.agent;

import dev.airlock.format.CallSite;
import dev.airlock.format.CorruptJournalException;
import dev.airlock.format.Fields;
import dev.airlock.format.JournalDocument;
import dev.airlock.format.JournalReader;
import dev.airlock.format.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What replay needs to know before the program starts, from one pass over the journal (which also checks
 * the digest chain): call sites, threads, where each thread's blocks are, the end document. Memory is one
 * long per block, not the events.
 */
final class JournalIndex {

    final Fields header;
    final Map<String, CallSite> sitesByKey = new HashMap<>();
    final Map<Integer, CallSite> sitesById = new HashMap<>();
    final Map<String, ThreadInfo> threadsByPath = new HashMap<>();
    final Map<Integer, ThreadInfo> threadsById = new HashMap<>();
    final Map<Integer, List<Long>> blocksByThread = new HashMap<>();
    final Map<Integer, Long> eventsByThread = new HashMap<>();
    /** Per block in journal order: thread id, first sequence, count, global index of its first event. */
    final List<long[]> blockOrder = new ArrayList<>();
    Fields end;
    /** Where the recorded failures of captured calls were thrown, by call and exception class ({@code FailureOrigins}). */
    final Map<String, String> failureFrames = new HashMap<>();
    long totalEvents;
    /** Why the journal stops before its end document, or null when it is whole. */
    String damage;
    int maxSiteId;

    private JournalIndex(Fields header) {
        this.header = header;
    }

    static JournalIndex build(JournalReader reader) {
        JournalIndex index = new JournalIndex(reader.readHeader());
        try {
            JournalDocument doc;
            while ((doc = reader.next()) != null) {
                index.add(doc);
            }
        } catch (CorruptJournalException e) {
            index.damage = e.getMessage();
        }
        return index;
    }

    private void add(JournalDocument doc) {
        switch (doc.type()) {
            case SITES:
                for (CallSite s : doc.sites()) {
                    sitesByKey.put(s.key(), s);
                    sitesById.put(s.id(), s);
                    maxSiteId = Math.max(maxSiteId, s.id());
                }
                break;
            case THREAD: {
                ThreadInfo t = doc.thread();
                threadsByPath.put(t.path(), t);
                threadsById.put(t.id(), t);
                break;
            }
            case BLOCK:
                blocksByThread.computeIfAbsent(doc.blockThread(), k -> new ArrayList<>()).add(doc.index());
                eventsByThread.merge(doc.blockThread(), (long) doc.blockCount(), Long::sum);
                blockOrder.add(new long[] {doc.blockThread(), doc.blockFirstSeq(), doc.blockCount(), totalEvents});
                totalEvents += doc.blockCount();
                break;
            case END:
                end = doc.fields();
                break;
            case NOTE:
                doc.fields().asMap().forEach((k, v) -> {
                    if (k.startsWith(dev.airlock.recorder.runtime.FailureOrigins.NOTE_PREFIX)) {
                        failureFrames.put(k.substring(dev.airlock.recorder.runtime.FailureOrigins.NOTE_PREFIX.length()), v);
                    }
                });
                break;
            default:
                break;
        }
    }

    boolean sealed() {
        return end != null && damage == null;
    }

    String describe(int siteId) {
        CallSite s = sitesById.get(siteId);
        return s == null ? "unknown call site #" + siteId : s.describe();
    }

    /** The index {@code airlock events} shows for a thread's n-th event, or -1 when it was not recorded. */
    /** The thread id and sequence of the event with global index {@code index}, or null past the end. */
    long[] threadEvent(long index) {
        for (long[] b : blockOrder) {
            if (index >= b[3] && index < b[3] + b[2]) {
                return new long[] {b[0], b[1] + (index - b[3])};
            }
        }
        return null;
    }

    long globalIndex(int threadId, long seq) {
        for (long[] b : blockOrder) {
            if (b[0] == threadId && seq >= b[1] && seq < b[1] + b[2]) {
                return b[3] + (seq - b[1]);
            }
        }
        return -1;
    }
}
