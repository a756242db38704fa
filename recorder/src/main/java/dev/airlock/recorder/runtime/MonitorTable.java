package dev.airlock.recorder.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The application's monitors in the {@code threads=serial} mode: owner, entry count and wait set of
 * every monitor that is held or waited on, kept by the agent instead of the JVM. Entries go away when a
 * monitor is free and nobody waits on it. Guarded by its own lock, so threads outside the schedule
 * (the JVM's, or any after shutdown began) are excluded correctly too.
 */
final class MonitorTable {

    private static final class Monitor {
        Thread owner;
        int count;
        /** Made by the first wait; most monitors are never waited on. */
        ArrayDeque<TurnState> waitSet;

        boolean nobodyWaits() {
            return waitSet == null || waitSet.isEmpty();
        }
    }

    private final Map<Object, Monitor> table = new IdentityHashMap<>();
    /** The entry of the monitor freed last, reused by the next: a lock taken in a loop allocates nothing. */
    private Monitor spare;

    /** Takes the monitor if it is free or already the caller's. */
    synchronized boolean tryEnter(Object o, Thread me) {
        Monitor m = table.get(o);
        if (m == null) {
            m = spare != null ? spare : new Monitor();
            spare = null;
            table.put(o, m);
        }
        if (m.owner == null) {
            m.owner = me;
            m.count = 1;
            return true;
        }
        if (m.owner == me) {
            m.count++;
            return true;
        }
        return false;
    }

    synchronized boolean isOwner(Object o, Thread me) {
        Monitor m = table.get(o);
        return m != null && m.owner == me;
    }

    synchronized boolean isFree(Object o) {
        Monitor m = table.get(o);
        return m == null || m.owner == null;
    }

    /** Leaves the monitor once; true when that freed it. An exit by a non-owner is ignored. */
    synchronized boolean exit(Object o, Thread me) {
        Monitor m = table.get(o);
        if (m == null || m.owner != me) {
            return false;
        }
        if (--m.count > 0) {
            return false;
        }
        m.owner = null;
        if (m.nobodyWaits()) {
            table.remove(o);
            spare = m;
        }
        return true;
    }

    /** For {@code wait}: frees the monitor whatever its count, joins its wait set; returns the count. */
    synchronized int releaseForWait(Object o, Thread me, TurnState waiter) {
        Monitor m = owned(o, me, dev.airlock.bridge.JdkThrown.WAIT);
        int count = m.count;
        m.owner = null;
        m.count = 0;
        waiter.notified = false;
        if (m.waitSet == null) {
            m.waitSet = new ArrayDeque<>(2);
        }
        m.waitSet.addLast(waiter);
        return count;
    }

    /** After {@code wait} returns without a notification: leaves the wait set. */
    synchronized void leaveWaitSet(Object o, TurnState waiter) {
        Monitor m = table.get(o);
        if (m != null && m.waitSet != null) {
            m.waitSet.remove(waiter);
        }
    }

    /** Back from {@code wait} with the monitor retaken: restores the entry count. */
    synchronized void restoreCount(Object o, int count) {
        table.get(o).count = count;
    }

    /** {@code notify}/{@code notifyAll}: the woken waiters, longest waiting first. */
    synchronized List<TurnState> signal(Object o, Thread me, boolean all) {
        Monitor m = owned(o, me, all ? dev.airlock.bridge.JdkThrown.NOTIFY_ALL : dev.airlock.bridge.JdkThrown.NOTIFY);
        if (m.nobodyWaits()) {
            return List.of();
        }
        List<TurnState> woken = new ArrayList<>(all ? m.waitSet.size() : 1);
        while (!m.waitSet.isEmpty()) {
            TurnState w = m.waitSet.pollFirst();
            w.notified = true;
            woken.add(w);
            if (!all) {
                break;
            }
        }
        return woken;
    }

    private Monitor owned(Object o, Thread me, int op) {
        Monitor m = table.get(o);
        if (m == null || m.owner != me) {
            throw dev.airlock.bridge.JdkThrown.notOwner(o, op);
        }
        return m;
    }
}
