package dev.airlock.recorder.instrument;

import dev.airlock.format.CallSite;
import dev.airlock.format.EventKind;
import java.util.ArrayList;
import java.util.List;

/** Numbers sites from 16 (after the runtime's fixed ids) and remembers every one it handed out. */
final class FakeSiteRegistry implements SiteRegistry {

    final List<CallSite> sites = new ArrayList<>();
    /** What each {@link #classDone} call received, in order. */
    final List<List<CallSite>> classes = new ArrayList<>();
    private int nextId = 16;

    @Override
    public CallSite site(String className, String method, String descriptor, int ordinal, int line, String sourceFile,
                         EventKind kind) {
        CallSite site = new CallSite(nextId++, kind, className, method, descriptor, ordinal, line, sourceFile);
        sites.add(site);
        return site;
    }

    @Override
    public void classDone(List<CallSite> found) {
        classes.add(List.copyOf(found));
    }

    /** The only site handed out for {@code method}; fails when there is not exactly one. */
    CallSite only(String method) {
        List<CallSite> in = in(method);
        if (in.size() != 1) {
            throw new AssertionError("expected one site in " + method + ", got " + in);
        }
        return in.get(0);
    }

    List<CallSite> in(String method) {
        List<CallSite> out = new ArrayList<>();
        for (CallSite s : sites) {
            if (s.method().equals(method)) {
                out.add(s);
            }
        }
        return out;
    }
}
