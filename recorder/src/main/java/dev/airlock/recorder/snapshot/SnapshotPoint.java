package dev.airlock.recorder.snapshot;

import dev.airlock.format.JournalWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One snapshot point: the request, where it was placed (a class may exist in several loaders, a line in
 * several methods), its journal, and its counters. Taken snapshots are counted atomically so that
 * threads racing through the line never take more than the hit limit.
 */
final class SnapshotPoint {

    /** One placed call: its id, the point, and the method location it was placed in. */
    record Site(int id, SnapshotPoint point, LineLocator.Location location, String className) {

        /** The value of a condition root: a variable, or {@code this}. */
        Object value(String name, Object self, Object[] values) {
            if (name.equals("this")) {
                return self;
            }
            List<LineLocator.Variable> vars = location.variables();
            for (int i = 0; i < vars.size(); i++) {
                if (vars.get(i).name().equals(name)) {
                    return values[i];
                }
            }
            throw new SnapshotCondition.EvaluationException("no variable '" + name + "' in " + location.method());
        }
    }

    final String name;
    final SnapshotRequest request;
    final SnapshotCondition condition;
    final Path journalDir;
    final JournalWriter journal;
    final Map<Class<?>, SnapshotInjector.Placement> placements = new LinkedHashMap<>();
    final Map<Class<?>, String> digestBefore = new LinkedHashMap<>();
    final AtomicInteger taken = new AtomicInteger();
    final AtomicLong evaluations = new AtomicLong();
    final AtomicLong conditionFailures = new AtomicLong();
    final long injectedMillis = System.currentTimeMillis();
    volatile boolean active = true;
    volatile ScheduledFuture<?> expiry;

    SnapshotPoint(String name, SnapshotRequest request, SnapshotCondition condition, Path journalDir,
                  JournalWriter journal) {
        this.name = name;
        this.request = request;
        this.condition = condition;
        this.journalDir = journalDir;
        this.journal = journal;
    }

    String at() {
        return request.className() + ":" + request.line();
    }
}
