package dev.airlock.replayer.agent;

import dev.airlock.format.CallSite;
import dev.airlock.format.EventKind;
import dev.airlock.recorder.instrument.SiteRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives a rewritten call site the id it had in the recording (same class, method, descriptor, ordinal and
 * kind), so replay compares ids. A site the recording never had gets a fresh id above all recorded ones.
 */
final class ReplaySiteRegistry implements SiteRegistry {

    private final Map<String, CallSite> recorded;
    private final Map<String, CallSite> fresh = new ConcurrentHashMap<>();
    private final Map<Integer, CallSite> freshById = new ConcurrentHashMap<>();
    private final AtomicInteger next;

    ReplaySiteRegistry(JournalIndex index) {
        this.recorded = index.sitesByKey;
        this.next = new AtomicInteger(Math.max(index.maxSiteId, 1 << 16) + 1);
    }

    @Override
    public CallSite site(String className, String method, String descriptor, int ordinal, int line, String sourceFile,
                         EventKind kind) {
        CallSite probe = new CallSite(0, kind, className, method, descriptor, ordinal, line, sourceFile);
        CallSite known = recorded.get(probe.key());
        if (known != null) {
            return known;
        }
        return fresh.computeIfAbsent(probe.key(), k -> {
            CallSite s = new CallSite(next.getAndIncrement(), kind, className, method, descriptor, ordinal, line,
                sourceFile);
            freshById.put(s.id(), s);
            return s;
        });
    }

    @Override
    public void classDone(List<CallSite> sites) {
    }

    /** A site created during replay only, or null. */
    CallSite freshSite(int id) {
        return freshById.get(id);
    }
}
