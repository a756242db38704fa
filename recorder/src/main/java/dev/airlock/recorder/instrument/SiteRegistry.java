package dev.airlock.recorder.instrument;

import dev.airlock.format.CallSite;
import dev.airlock.format.EventKind;
import java.util.List;

/**
 * Hands out call-site ids while classes are rewritten. Recording numbers new sites and writes them to the
 * journal; replay reuses the recorded number of a site with the same key, so ids compare directly.
 */
public interface SiteRegistry {

    CallSite site(String className, String method, String descriptor, int ordinal, int line, String sourceFile,
                  EventKind kind);

    /** The sites one rewritten class produced, once it is done. */
    void classDone(List<CallSite> sites);
}
