package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ordered mode's per-object cells and the turn events that name them. */
class SyncCellsTest {

    private static ThreadState thread() {
        return new ThreadState() {
        };
    }

    @Test
    void one_cell_per_object_numbered_on_recording_and_kept_past_the_threads_cache() {
        SyncCells cells = new SyncCells(true);
        ThreadState mine = thread();
        ThreadState other = thread();
        Object a = new Object();
        Object b = new Object();
        SyncCell ca = cells.of(a, mine);
        assertSame(ca, cells.of(a, mine));
        assertSame(ca, cells.of(a, other), "another thread finds the same cell");
        SyncCell cb = cells.of(b, other);
        assertNotSame(ca, cb);
        assertEquals(1, ca.id());
        assertEquals(2, cb.id());
        for (int i = 0; i < 64; i++) {
            cells.of(new Object(), mine); // pushes a out of the thread's cache
        }
        assertSame(ca, cells.of(a, mine));
    }

    @Test
    void replay_cells_get_their_id_from_the_journal() {
        SyncCell c = new SyncCells(false).of(new Object(), thread());
        assertEquals(0, c.id());
        c.assignId(42);
        assertEquals(42, c.id());
    }

    @Test
    void a_cell_goes_with_its_object() throws InterruptedException {
        SyncCells cells = new SyncCells(true);
        for (int i = 0; i < 10_000; i++) {
            cells.of(new Object(), thread());
        }
        for (int round = 0; round < 20 && cells.size() > 1_000; round++) {
            System.gc();
            Thread.sleep(20);
            cells.of(new Object(), thread()); // clears the cells of collected objects
        }
        assertTrue(cells.size() <= 1_000, "cells left: " + cells.size());
    }

    @Test
    void turns_are_numbered_and_events_round_trip() {
        SyncCell c = new SyncCells(true).of(new Object(), thread());
        assertEquals(0, c.takeTurn());
        assertEquals(1, c.takeTurn());
        assertEquals(2, c.turnsTaken());
        long e = SyncTurn.encode(7, 123_456, SyncTurn.FALSE);
        assertEquals(7, SyncTurn.id(e));
        assertEquals(123_456, SyncTurn.turn(e));
        assertEquals(SyncTurn.FALSE, SyncTurn.outcome(e));
        assertEquals(5, SyncTurn.turn(SyncTurn.encode(Integer.MAX_VALUE, (1L << 30) + 5, SyncTurn.DONE)),
            "turns count modulo 2^30");
        assertEquals(Integer.MAX_VALUE, SyncTurn.id(SyncTurn.encode(Integer.MAX_VALUE, 0, SyncTurn.INTERRUPTED)));
    }
}
