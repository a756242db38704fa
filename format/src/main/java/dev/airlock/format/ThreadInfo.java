package dev.airlock.format;

/**
 * A recorded application thread.
 *
 * @param id journal-local number that event blocks refer to
 * @param path deterministic name: "main", then parent path + "/" + spawn order ("main/2")
 * @param name the thread's name when it first recorded an event
 * @param daemon whether it was a daemon thread
 */
public record ThreadInfo(int id, String path, String name, boolean daemon) {

    /**
     * Whether this is a logical thread of {@code threads=ordered}: a fork-join task's run ({@code main/t3}),
     * a {@code CompletableFuture} stage's function ({@code main/s2}) or a completion the JDK made, run on
     * a pool thread ({@code pool/...}); its {@code name} is the pool thread's it ran on. JVM threads'
     * path segments are numbers.
     */
    public boolean logical() {
        if (path.startsWith("pool/")) {
            return true;
        }
        if (path.startsWith("unattributed/")) {
            return false; // named by the thread's own name, which may look like anything
        }
        int last = path.lastIndexOf('/') + 1;
        return last > 0 && last + 1 < path.length() && (path.charAt(last) == 't' || path.charAt(last) == 's')
            && Character.isDigit(path.charAt(last + 1));
    }
}
