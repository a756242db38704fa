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
}
