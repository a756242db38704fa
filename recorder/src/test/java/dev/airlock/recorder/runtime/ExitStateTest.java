package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExitStateTest {

    private final Thread main = new Thread(() -> { }, "main");
    private final Thread worker = new Thread(() -> { }, "worker");
    private final ExitState state = new ExitState(main);

    @Test
    void a_normal_end_is_exit_code_zero() {
        assertFalse(state.exitCalled());
        assertEquals(0, state.code());
        assertEquals("normal end", state.cause());
    }

    @Test
    void an_uncaught_exception_in_main_is_exit_code_one() {
        state.uncaught(main);

        assertFalse(state.exitCalled());
        assertEquals(1, state.code());
        assertEquals("uncaught exception in main", state.cause());
    }

    @Test
    void an_uncaught_exception_in_another_thread_leaves_exit_code_zero() {
        state.uncaught(worker);

        assertEquals(0, state.code());
        assertEquals("normal end", state.cause());
    }

    @Test
    void system_exit_status_wins_over_an_uncaught_exception_in_main() {
        state.uncaught(main);
        state.exiting(3);

        assertTrue(state.exitCalled());
        assertEquals(3, state.code());
        assertEquals("System.exit", state.cause());
    }

    @Test
    void system_exit_after_an_uncaught_exception_elsewhere_keeps_its_status() {
        state.uncaught(worker);
        state.exiting(0);

        assertEquals(0, state.code());
        assertEquals("System.exit", state.cause());
    }

    @Test
    void the_first_exit_status_is_the_one_kept() {
        state.exiting(42);
        state.exiting(7);
        state.uncaught(main);

        assertEquals(42, state.code());
        assertEquals("System.exit", state.cause());
    }

    @Test
    void negative_and_large_exit_statuses_are_kept_as_given() {
        state.exiting(-1);
        assertEquals(-1, state.code());
        ExitState other = new ExitState(main);
        other.exiting(Integer.MAX_VALUE);
        assertEquals(Integer.MAX_VALUE, other.code());
    }
}
