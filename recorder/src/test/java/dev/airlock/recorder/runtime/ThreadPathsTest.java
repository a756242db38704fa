package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThreadPathsTest {

    private final ThreadPaths paths = new ThreadPaths();

    private static Thread unstarted(String name) {
        return new Thread(() -> { }, name);
    }

    @Test
    void the_main_thread_is_main() {
        assertEquals("main", paths.pathOf(Thread.currentThread(), true));
    }

    @Test
    void children_are_named_by_their_parent_and_start_order() {
        Thread first = unstarted("pool-1-thread-1");
        Thread second = unstarted("pool-1-thread-2");

        assertEquals("main/1", paths.starting("main", 1, first));
        assertEquals("main/2", paths.starting("main", 2, second));

        assertEquals("main/2", paths.pathOf(second, false));
        assertEquals("main/1", paths.pathOf(first, false));
    }

    @Test
    void a_grandchild_extends_its_parents_path() {
        Thread child = unstarted("child");
        Thread grandchild = unstarted("grandchild");
        String childPath = paths.starting("main", 3, child);

        assertEquals("main/3/1", paths.starting(childPath, 1, grandchild));
        assertEquals("main/3/1", paths.pathOf(grandchild, false));
    }

    @Test
    void a_thread_no_recorded_thread_started_is_unattributed_and_numbered_by_name() {
        assertEquals("unattributed/Reference Handler#1", paths.pathOf(unstarted("Reference Handler"), false));
        assertEquals("unattributed/timer#1", paths.pathOf(unstarted("timer"), false));
        assertEquals("unattributed/timer#2", paths.pathOf(unstarted("timer"), false));
        assertEquals("unattributed/other#1", paths.pathOf(unstarted("other"), false));
    }

    @Test
    void a_started_child_seen_by_a_fresh_instance_is_unattributed() {
        Thread child = unstarted("worker");
        paths.starting("main", 1, child);

        assertEquals("unattributed/worker#1", new ThreadPaths().pathOf(child, false));
    }
}
