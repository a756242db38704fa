package dev.airlock.recorder.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names threads deterministically: "main", then a child is its parent's path plus its start order
 * ("main/1", "main/1/3"). JVM thread ids and names are not stable between runs; this is, as long as the
 * program starts its threads in the same order, which replay ensures.
 */
public final class ThreadPaths {

    private final Map<Long, String> started = new ConcurrentHashMap<>();
    private final Map<String, Integer> unattributed = new ConcurrentHashMap<>();

    /** Called on the parent as it starts {@code child}; returns the child's path. */
    public String starting(String parentPath, int spawnOrder, Thread child) {
        String path = parentPath + "/" + spawnOrder;
        started.put(child.getId(), path);
        return path;
    }

    /** The path of a thread seen for the first time. */
    @SuppressWarnings("deprecation")
    public String pathOf(Thread t, boolean isMain) {
        if (isMain) {
            return "main";
        }
        String path = started.remove(t.getId());
        if (path != null) {
            return path;
        }
        // Started by a thread that is not the application's: named by its name and order of appearance.
        int n = unattributed.merge(t.getName(), 1, Integer::sum);
        return "unattributed/" + t.getName() + "#" + n;
    }
}
