package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Four threads share a log without a data race: tickets from an {@code AtomicLong}, entries appended
 * under {@code synchronized}, per-thread tallies under a {@code ReentrantLock}, the last writer kept by
 * compare-and-set, a snapshot taken under a write lock and read under its read lock. What the log holds, in which order, varies from run
 * to run; {@code threads=ordered} replays it exactly.
 */
public final class SharedLog {

    private static final AtomicLong tickets = new AtomicLong();
    private static final List<String> log = new ArrayList<>();
    private static final ReentrantLock tallyLock = new ReentrantLock();
    private static final int[] tallies = new int[4];
    private static final AtomicReference<String> lastWriter = new AtomicReference<>("nobody");
    private static final ReentrantReadWriteLock snapshotLock = new ReentrantReadWriteLock();
    private static int snapshotSize;

    public static void main(String[] args) throws InterruptedException {
        Thread[] writers = new Thread[4];
        for (int w = 0; w < writers.length; w++) {
            int id = w;
            writers[w] = new Thread(() -> write(id), "writer-" + w);
            writers[w].start();
        }
        for (Thread t : writers) {
            t.join();
        }
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            first.append(log.get(i)).append(' ');
        }
        System.out.println("first entries " + first.toString().trim());
        System.out.println("tallies " + tallies[0] + " " + tallies[1] + " " + tallies[2] + " " + tallies[3]
            + "; last writer " + lastWriter.get() + "; largest snapshot " + snapshotSize);
    }

    private static void write(int id) {
        for (int i = 0; i < 200; i++) {
            long ticket = tickets.incrementAndGet();
            append("w" + id + "#" + ticket);
            tallyLock.lock();
            try {
                tallies[id] += (int) (ticket % 3);
            } finally {
                tallyLock.unlock();
            }
            String before = lastWriter.get();
            lastWriter.compareAndSet(before, "w" + id);
            if (i % 50 == 0) {
                snapshotLock.writeLock().lock();
                try {
                    snapshotSize = Math.max(snapshotSize, size());
                } finally {
                    snapshotLock.writeLock().unlock();
                }
            }
            snapshotLock.readLock().lock();
            try {
                if (snapshotSize > 790) {
                    tallies[id]++; // only a thread that ends late sees the last snapshots
                }
            } finally {
                snapshotLock.readLock().unlock();
            }
            if (i % 20 == 0) {
                Thread.yield();
            }
        }
    }

    private static synchronized int size() {
        synchronized (log) {
            return log.size();
        }
    }

    private static void append(String entry) {
        synchronized (log) {
            log.add(entry);
        }
    }
}
