package dev.airlock.recorder.snapshot;

import dev.airlock.format.Fields;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns one hit into the snapshot document: when, which thread, the stack below the line, and the
 * rendered arguments, locals and fields of {@code this}. Runs on the application thread, so it reads
 * the clock natively (never through a clock a recording could capture) and calls no application code.
 */
final class SnapshotCapture {

    static final int MAX_FRAMES = 64;
    private static final StackWalker WALKER = StackWalker.getInstance();

    private SnapshotCapture() {
    }

    static Fields capture(SnapshotPoint.Site site, int hit, Object self, Object[] values, ValueRenderer renderer) {
        Thread thread = Thread.currentThread();
        SnapshotPoint point = site.point();
        Fields f = new Fields()
            .put("snapshot", point.name)
            .put("hit", hit)
            .put("time", Instant.ofEpochMilli(System.currentTimeMillis()))
            .put("thread", thread.getName())
            .put("thread.id", threadId(thread))
            .put("class", site.className())
            .put("method", site.location().method())
            .put("line", point.request.line());
        List<String> frames = WALKER.walk(s -> s
            .dropWhile(SnapshotCapture::isOurs)
            .limit(MAX_FRAMES)
            .map(StackWalker.StackFrame::toStackTraceElement)
            .map(StackTraceElement::toString)
            .collect(Collectors.toList()));
        for (int i = 0; i < frames.size(); i++) {
            f.put("stack." + i, frames.get(i));
        }
        List<LineLocator.Variable> vars = site.location().variables();
        for (int i = 0; i < vars.size() && i < values.length; i++) {
            LineLocator.Variable v = vars.get(i);
            f.put((v.argument() ? "arg." : "local.") + v.name(), renderer.render(values[i]));
        }
        if (self != null) {
            renderer.fields(self).forEach((name, value) -> f.put("this." + name, value));
        }
        return f;
    }

    private static boolean isOurs(StackWalker.StackFrame frame) {
        String name = frame.getClassName();
        return name.startsWith(SnapshotCapture.class.getPackageName() + ".") || name.equals("dev.airlock.bridge.SnapshotHooks");
    }

    @SuppressWarnings("deprecation")
    private static long threadId(Thread thread) {
        return thread.getId();
    }
}
