package dev.airlock.recorder.runtime;

import dev.airlock.format.CallSite;
import dev.airlock.format.EventKind;
import dev.airlock.format.JournalWriter;
import dev.airlock.recorder.instrument.SiteRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Numbers call sites as classes are rewritten and writes each class's new sites to the journal. */
public final class RecordingSiteRegistry implements SiteRegistry {

    private final Map<String, CallSite> byKey = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger(RuntimeSites.FIRST_DYNAMIC);
    private final JournalWriter journal;

    public RecordingSiteRegistry(JournalWriter journal) {
        this.journal = journal;
        journal.writeSites(RuntimeSites.all());
    }

    @Override
    public CallSite site(String className, String method, String descriptor, int ordinal, int line, String sourceFile,
                         EventKind kind) {
        CallSite probe = new CallSite(0, kind, className, method, descriptor, ordinal, line, sourceFile);
        return byKey.computeIfAbsent(probe.key(), k -> new CallSite(next.getAndIncrement(), kind, className, method,
            descriptor, ordinal, line, sourceFile));
    }

    @Override
    public void classDone(List<CallSite> sites) {
        journal.writeSites(sites);
    }
}
