package dev.airlock.recorder.snapshot;

import dev.airlock.bridge.SnapshotHandler;
import dev.airlock.format.AuditTrail;
import dev.airlock.format.Fields;
import dev.airlock.format.JournalWriter;
import dev.airlock.recorder.agent.AgentLog;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * All snapshot points of this JVM, and the handler their injected calls reach. Requests (inject, clear,
 * list) arrive on the attach thread and are serialised here; hits run on application threads and take
 * no lock: a volatile read of the site table, the condition, and, when a snapshot is taken, a
 * non-blocking hand-off to the journal writer. Audit entries and removals, which touch the disk or
 * retransform classes, run on one background thread ("airlock-snapshots").
 */
final class SnapshotRegistry implements SnapshotHandler {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final long JOURNAL_BUFFER_BYTES = 8L << 20;
    private static final long JOURNAL_FLUSH_MILLIS = 20;

    private final Instrumentation inst;
    private final SnapshotTransformer transformer = new SnapshotTransformer();
    private final ScheduledThreadPoolExecutor background;
    private final ValueRenderer renderer = ValueRenderer.defaults();
    private final Map<String, SnapshotPoint> points = new LinkedHashMap<>();
    private final AtomicInteger pointSeq = new AtomicInteger();
    private volatile SnapshotPoint.Site[] sites = new SnapshotPoint.Site[16];
    private int nextSiteId = 1;

    SnapshotRegistry(Instrumentation inst) {
        this.inst = inst;
        this.background = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "airlock-snapshots");
            t.setDaemon(true);
            return t;
        });
        background.setRemoveOnCancelPolicy(true);
        inst.addTransformer(transformer, true);
    }

    @Override
    public void hit(int id, Object self, Object[] values) {
        try {
            SnapshotPoint.Site[] table = sites;
            SnapshotPoint.Site site = id > 0 && id < table.length ? table[id] : null;
            if (site == null || !site.point().active) {
                return;
            }
            SnapshotPoint point = site.point();
            if (point.condition != null) {
                point.evaluations.incrementAndGet();
                boolean holds;
                try {
                    holds = point.condition.test(name -> site.value(name, self, values));
                } catch (RuntimeException e) {
                    if (point.conditionFailures.incrementAndGet() == 1) {
                        background.execute(() -> audit(point, "snapshot.condition-failed",
                            new Fields().put("error", e.getMessage())));
                    }
                    return;
                }
                if (!holds) {
                    return;
                }
            }
            int hit = point.taken.incrementAndGet();
            if (hit > point.request.hits()) {
                return;
            }
            Fields snapshot = SnapshotCapture.capture(site, hit, self, values, renderer);
            point.journal.writeNote(snapshot);
            String thread = Thread.currentThread().getName();
            background.execute(() -> audit(point, "snapshot.hit", new Fields().put("hit", hit).put("thread", thread)));
            if (hit == point.request.hits()) {
                background.execute(() -> remove(point, "hit limit reached (" + hit + ")"));
            }
        } catch (Throwable t) {
            AgentLog.error("snapshot point " + id + " failed on a hit", t);
        }
    }

    @Override
    public String control(String requestText, Object instrumentation) {
        Properties reply = new Properties();
        try {
            Properties raw = new Properties();
            raw.load(new StringReader(requestText));
            SnapshotRequest request = SnapshotRequest.decode(requestText);
            switch (request.action()) {
                case "inject" -> inject(request, policyOf(raw), reply);
                case "clear" -> reply.setProperty("removed", Integer.toString(clear("cleared by " + request.user())));
                case "list" -> list(reply);
                default -> reply.setProperty("error", "unknown snapshot action '" + request.action() + "'");
            }
        } catch (IllegalArgumentException e) {
            reply.setProperty("error", e.getMessage());
        } catch (Throwable t) {
            AgentLog.error("snapshot request failed", t);
            reply.setProperty("error", "the agent failed: " + t);
        }
        StringWriter w = new StringWriter();
        try {
            reply.store(w, null);
        } catch (IOException e) {
            return "error=cannot encode the reply";
        }
        return w.toString();
    }

    private static SnapshotPolicy policyOf(Properties raw) {
        Map<String, String> settings = new HashMap<>();
        for (String key : new String[] {SnapshotPolicy.ENABLED_KEY, SnapshotPolicy.PACKAGES_KEY}) {
            String v = raw.getProperty("policy." + key);
            if (v != null) {
                settings.put(key, v);
            }
        }
        return SnapshotPolicy.from(settings, raw.getProperty("policy.source"));
    }

    private synchronized void inject(SnapshotRequest request, SnapshotPolicy policy, Properties reply) throws Exception {
        if (request.className() == null || request.line() <= 0 || request.out() == null || request.hits() <= 0) {
            throw new IllegalArgumentException("an inject request needs a class, a line, hits and an output folder");
        }
        String refusal = policy.refusal(request.className());
        if (refusal != null) {
            auditRefusal(request, refusal);
            throw new IllegalArgumentException(refusal);
        }
        SnapshotCondition condition = request.condition() == null ? null : SnapshotCondition.parse(request.condition());
        List<Class<?>> classes = loadedClasses(request.className());
        Map<Class<?>, List<LineLocator.Location>> found = locate(classes, request);
        Map<Class<?>, List<LineLocator.Location>> usable = ConditionCheck.usable(found, condition, request);

        Files.createDirectories(request.out());
        int seq = pointSeq.incrementAndGet();
        String simple = request.className().substring(request.className().lastIndexOf('.') + 1);
        String name = simple + "-" + request.line() + "-" + STAMP.format(java.time.Instant.ofEpochMilli(System.currentTimeMillis()))
            + "-" + ProcessHandle.current().pid() + "-" + seq;
        Path dir = request.out().resolve(name);
        JournalWriter journal = JournalWriter.create(dir, header(request, name), JOURNAL_BUFFER_BYTES,
            JOURNAL_FLUSH_MILLIS, t -> AgentLog.error("snapshot journal " + dir + " failed", t));
        journal.start();
        SnapshotPoint point = new SnapshotPoint(name, request, condition, dir, journal);

        List<SnapshotPoint.Site> placed = new ArrayList<>();
        Map<Class<?>, SnapshotTransformer.Seen> seen = new LinkedHashMap<>();
        for (Map.Entry<Class<?>, List<LineLocator.Location>> e : usable.entrySet()) {
            Map<String, Integer> ids = new LinkedHashMap<>();
            for (LineLocator.Location location : e.getValue()) {
                SnapshotPoint.Site site = new SnapshotPoint.Site(nextSiteId++, point, location, e.getKey().getName());
                ids.put(location.signature(), site.id());
                placed.add(site);
            }
            SnapshotInjector.Placement placement = new SnapshotInjector.Placement(request.line(), ids);
            point.placements.put(e.getKey(), placement);
            transformer.place(e.getKey(), placement);
            seen.put(e.getKey(), transformer.watch(e.getKey()));
        }
        publish(placed);
        Throwable failure = null;
        try {
            inst.retransformClasses(usable.keySet().toArray(new Class<?>[0]));
        } catch (Throwable t) {
            failure = t;
        }
        for (SnapshotTransformer.Seen s : seen.values()) {
            if (failure == null && s.failure != null) {
                failure = s.failure;
            }
        }
        if (failure != null) {
            point.active = false;
            point.placements.forEach(transformer::unplace);
            unpublish(placed);
            seen.keySet().forEach(transformer::unwatch);
            journal.close(new Fields().put("removed.reason", "injection failed: " + failure));
            AgentLog.error("cannot inject snapshot point at " + point.at(), failure);
            throw new IllegalArgumentException("cannot inject at " + point.at() + ": " + oneLine(failure));
        }
        List<String> methods = new ArrayList<>();
        Set<String> variables = new LinkedHashSet<>();
        seen.forEach((type, s) -> {
            point.digestBefore.put(type, sha256(s.input));
            transformer.unwatch(type);
        });
        for (SnapshotPoint.Site site : placed) {
            methods.add(site.location().method());
            variables.addAll(site.location().names());
            if (site.location().hasThis()) {
                variables.add("this");
            }
        }
        points.put(name, point);
        if (request.expireMillis() > 0) {
            point.expiry = background.schedule(() -> remove(point, "expired after " + request.expireMillis() + " ms"),
                request.expireMillis(), TimeUnit.MILLISECONDS);
        }
        audit(point, "snapshot.injected", new Fields()
            .put("at", point.at())
            .put("when", request.condition())
            .put("hits", request.hits())
            .put("expire.ms", request.expireMillis())
            .put("requested.by", request.user())
            .put("methods", String.join(" ", methods))
            .put("class.sha256.before", String.join(" ", point.digestBefore.values()))
            .put("journal", dir));
        AgentLog.info("snapshot point " + name + " injected at " + point.at() + " in " + methods);
        reply.setProperty("point", name);
        reply.setProperty("journal", dir.toString());
        reply.setProperty("methods", String.join(", ", methods));
        reply.setProperty("variables", String.join(", ", variables));
        reply.setProperty("classes", Integer.toString(usable.size()));
    }

    private List<Class<?>> loadedClasses(String className) {
        List<Class<?>> classes = new ArrayList<>();
        boolean unmodifiable = false;
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getName().equals(className)) {
                if (inst.isModifiableClass(c)) {
                    classes.add(c);
                } else {
                    unmodifiable = true;
                }
            }
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException(unmodifiable ? "class " + className + " cannot be modified in this JVM"
                : "no class " + className + " is loaded in this JVM (pid " + ProcessHandle.current().pid() + ")");
        }
        return classes;
    }

    /** The line's locations in each class, read from the bytes a retransformation hands out. */
    private Map<Class<?>, List<LineLocator.Location>> locate(List<Class<?>> classes, SnapshotRequest request)
        throws Exception {
        Map<Class<?>, List<LineLocator.Location>> found = new LinkedHashMap<>();
        String range = null;
        for (Class<?> c : classes) {
            SnapshotTransformer.Seen s = transformer.watch(c);
            try {
                inst.retransformClasses(c);
            } finally {
                transformer.unwatch(c);
            }
            if (s.input == null) {
                throw new IllegalArgumentException("cannot read the bytecode of " + c.getName());
            }
            org.objectweb.asm.tree.ClassNode node = LineLocator.read(s.input);
            List<LineLocator.Location> locations = LineLocator.locate(node, request.line());
            if (!locations.isEmpty()) {
                found.put(c, locations);
            } else {
                int[] lines = LineLocator.lineRange(node);
                range = lines == null ? "it was compiled without line numbers"
                    : "its code is on lines " + lines[0] + " to " + lines[1];
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(request.className() + " has no code at line " + request.line() + " ("
                + range + ")");
        }
        return found;
    }

    /** Removes every point; returns how many were active. */
    synchronized int clear(String reason) {
        int n = 0;
        for (SnapshotPoint p : new ArrayList<>(points.values())) {
            if (p.active) {
                remove(p, reason);
                n++;
            }
        }
        return n;
    }

    private synchronized void list(Properties reply) {
        int i = 0;
        for (SnapshotPoint p : points.values()) {
            if (p.active) {
                i++;
                reply.setProperty("point." + i, p.name + " at " + p.at() + ", " + p.taken.get() + " of "
                    + p.request.hits() + " taken, " + p.evaluations.get() + " evaluations");
            }
        }
        reply.setProperty("active", Integer.toString(i));
    }

    /** Takes the point out: the classes are retransformed back to the bytes they had before it. */
    synchronized void remove(SnapshotPoint point, String reason) {
        if (!point.active) {
            return;
        }
        point.active = false;
        if (point.expiry != null) {
            point.expiry.cancel(false);
        }
        Map<Class<?>, SnapshotTransformer.Seen> seen = new LinkedHashMap<>();
        point.placements.forEach((type, placement) -> {
            transformer.unplace(type, placement);
            seen.put(type, transformer.watch(type));
        });
        String error = null;
        try {
            inst.retransformClasses(seen.keySet().toArray(new Class<?>[0]));
        } catch (Throwable t) {
            error = oneLine(t);
            AgentLog.error("cannot retransform after removing " + point.name, t);
        }
        boolean restored = error == null;
        List<String> after = new ArrayList<>();
        for (Map.Entry<Class<?>, SnapshotTransformer.Seen> e : seen.entrySet()) {
            SnapshotTransformer.Seen s = e.getValue();
            transformer.unwatch(e.getKey());
            String digest = s.input == null ? "unknown" : sha256(s.input);
            after.add(digest);
            // Restored when nothing was put back in and the bytes are those the point was placed into.
            restored &= s.output == null && digest.equals(point.digestBefore.get(e.getKey()));
        }
        List<SnapshotPoint.Site> gone = new ArrayList<>();
        for (SnapshotPoint.Site s : sites) {
            if (s != null && s.point() == point) {
                gone.add(s);
            }
        }
        unpublish(gone);
        int taken = Math.min(point.taken.get(), point.request.hits());
        try {
            point.journal.close(new Fields().put("removed.reason", reason).put("snapshots", taken)
                .put("evaluations", point.evaluations.get()).put("condition.failures", point.conditionFailures.get()));
        } catch (RuntimeException e) {
            AgentLog.error("cannot close snapshot journal " + point.journalDir, e);
        }
        audit(point, "snapshot.removed", new Fields()
            .put("reason", reason)
            .put("snapshots", taken)
            .put("evaluations", point.evaluations.get())
            .put("restored", restored)
            .put("class.sha256.before", String.join(" ", point.digestBefore.values()))
            .put("class.sha256.after", String.join(" ", after))
            .put("error", error));
        AgentLog.info("snapshot point " + point.name + " removed (" + reason + "), " + taken + " snapshots, restored "
            + restored);
    }

    private synchronized void publish(List<SnapshotPoint.Site> added) {
        SnapshotPoint.Site[] table = sites;
        int max = 0;
        for (SnapshotPoint.Site s : added) {
            max = Math.max(max, s.id());
        }
        SnapshotPoint.Site[] next = Arrays.copyOf(table, Math.max(table.length, Integer.highestOneBit(max) * 2));
        for (SnapshotPoint.Site s : added) {
            next[s.id()] = s;
        }
        sites = next;
    }

    private synchronized void unpublish(List<SnapshotPoint.Site> removed) {
        SnapshotPoint.Site[] next = sites.clone();
        for (SnapshotPoint.Site s : removed) {
            next[s.id()] = null;
        }
        sites = next;
    }

    private static Fields header(SnapshotRequest request, String name) {
        return new Fields()
            .put(dev.airlock.format.HeaderKeys.FORMAT_VERSION, dev.airlock.format.HeaderKeys.CURRENT_FORMAT)
            .put("journal.kind", "snapshots")
            .put("snapshot.point", name)
            .put("snapshot.at", request.className() + ":" + request.line())
            .put("snapshot.when", request.condition())
            .put("snapshot.hits", request.hits())
            .put("snapshot.expire.ms", request.expireMillis())
            .put("snapshot.requested.by", request.user())
            .put(dev.airlock.format.HeaderKeys.START_MILLIS, System.currentTimeMillis())
            .put(dev.airlock.format.HeaderKeys.PID, ProcessHandle.current().pid())
            .put(dev.airlock.format.HeaderKeys.JAVA_VERSION, System.getProperty("java.version"))
            .put(dev.airlock.format.HeaderKeys.COMMAND, System.getProperty("sun.java.command"));
    }

    private void audit(SnapshotPoint point, String event, Fields details) {
        try {
            AuditTrail.append(point.request.out(), event, new Fields().put("point", point.name).putAll(details));
        } catch (Exception | LinkageError e) {
            AgentLog.error("cannot write the audit entry " + event, e);
        }
    }

    private void auditRefusal(SnapshotRequest request, String refusal) {
        try {
            Files.createDirectories(request.out());
            AuditTrail.append(request.out(), "snapshot.refused", new Fields()
                .put("at", request.className() + ":" + request.line()).put("requested.by", request.user())
                .put("reason", refusal));
        } catch (Exception | LinkageError e) {
            AgentLog.error("cannot write the audit entry snapshot.refused", e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        return m.replace('\n', ' ');
    }
}
