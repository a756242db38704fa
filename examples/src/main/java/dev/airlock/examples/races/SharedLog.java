package dev.airlock.examples.races;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Four threads share a log without a data race: tickets from an {@code AtomicLong}, entries appended
 * under {@code synchronized}, per-thread tallies under a {@code ReentrantLock}, the last writer kept by
 * compare-and-set, a snapshot taken under a write lock and read under its read lock, and notes handed
 * to a reader through a one-slot mailbox (a lock of its own class and two {@code Condition}s). What the log holds, in
 * which order, and how often the mailbox made a thread wait, varies from run to run;
 * {@code threads=ordered} replays it exactly.
 */
public final class SharedLog {

    private static final AtomicLong tickets = new AtomicLong();
    private static final List<String> log = new ArrayList<>();
    private static final ReentrantLock tallyLock = new ReentrantLock();
    private static final int[] tallies = new int[4];
    private static final AtomicReference<String> lastWriter = new AtomicReference<>("nobody");
    private static final ReentrantReadWriteLock snapshotLock = new ReentrantReadWriteLock();
    private static int snapshotSize;
    /** The mailbox's lock is a class of the program's own, called by its own type (as Guava's cache segments are). */
    private static final class MailLock extends ReentrantLock {
        private static final long serialVersionUID = 1L;
    }

    private static final MailLock mailLock = new MailLock();
    private static final Condition mailFull = mailLock.newCondition();
    private static final Condition mailEmpty = mailLock.newCondition();
    private static String mail;
    private static int postWaits;
    private static int readWaits;
    private static final int NOTES = 4 * 8;

    public static void main(String[] args) throws InterruptedException {
        Thread[] writers = new Thread[4];
        for (int w = 0; w < writers.length; w++) {
            int id = w;
            writers[w] = new Thread(() -> write(id), "writer-" + w);
            writers[w].start();
        }
        StringBuilder notes = new StringBuilder();
        Thread reader = new Thread(() -> notes.append(read()), "reader");
        reader.start();
        for (Thread t : writers) {
            t.join();
        }
        reader.join();
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            first.append(log.get(i)).append(' ');
        }
        System.out.println("first entries " + first.toString().trim());
        System.out.println("tallies " + tallies[0] + " " + tallies[1] + " " + tallies[2] + " " + tallies[3]
            + "; last writer " + lastWriter.get() + "; largest snapshot " + snapshotSize);
        System.out.println("mailbox " + notes + "; waits: posting " + postWaits + ", reading " + readWaits);
    }

    private static void post(String note) {
        mailLock.lock();
        try {
            while (mail != null) {
                postWaits++;
                mailEmpty.awaitUninterruptibly();
            }
            mail = note;
            mailFull.signal();
        } finally {
            mailLock.unlock();
        }
    }

    private static String read() {
        StringBuilder notes = new StringBuilder();
        mailLock.lock();
        try {
            for (int n = 0; n < NOTES; n++) {
                while (mail == null) {
                    readWaits++;
                    try {
                        mailFull.await(1, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return notes + "interrupted";
                    }
                }
                notes.append(mail.charAt(1));
                mail = null;
                mailEmpty.signalAll();
            }
        } finally {
            mailLock.unlock();
        }
        return notes.toString();
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
            if (i % 25 == 0) {
                post("w" + id + "#" + ticket);
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
