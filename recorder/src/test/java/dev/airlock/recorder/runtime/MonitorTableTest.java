package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorTableTest {

    private final MonitorTable table = new MonitorTable();
    private final Object lock = new Object();
    private final Thread me = Thread.currentThread();
    private final Thread other = new Thread(() -> { });

    @Test
    void a_monitor_is_reentrant_and_exclusive() {
        assertFalse(table.isOwner(lock, me));
        assertTrue(table.tryEnter(lock, me));
        assertTrue(table.tryEnter(lock, me));
        assertFalse(table.tryEnter(lock, other));
        assertTrue(table.isOwner(lock, me), "Thread.holdsLock answers from the table");
        assertFalse(table.isOwner(lock, other));
        assertFalse(table.exit(lock, me));
        assertFalse(table.isFree(lock));
        assertTrue(table.exit(lock, me));
        assertTrue(table.isFree(lock));
        assertFalse(table.isOwner(lock, me));
        assertTrue(table.tryEnter(lock, other));
    }

    @Test
    void notify_wakes_the_longest_waiting_and_wait_frees_the_monitor_whatever_its_count() {
        TurnState first = new TurnState(other, 1, "main/1");
        TurnState second = new TurnState(other, 2, "main/2");
        table.tryEnter(lock, me);
        table.tryEnter(lock, me);
        assertEquals(2, table.releaseForWait(lock, me, first));
        assertTrue(table.isFree(lock));
        table.tryEnter(lock, me);
        assertEquals(1, table.releaseForWait(lock, me, second));
        table.tryEnter(lock, me);
        assertEquals(List.of(first), table.signal(lock, me, false));
        assertTrue(first.notified);
        assertFalse(second.notified);
        assertEquals(List.of(second), table.signal(lock, me, true));
    }

    @Test
    void waiting_or_notifying_without_the_monitor_is_illegal_as_in_the_jvm() {
        assertThrows(IllegalMonitorStateException.class, () -> table.signal(lock, me, true));
        assertThrows(IllegalMonitorStateException.class, () -> table.releaseForWait(lock, me, new TurnState(me, 0, "main")));
        assertFalse(table.exit(lock, me), "an exit by a non-owner is ignored");
    }
}
