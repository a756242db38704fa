package dev.airlock.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.format.EventKind;
import dev.airlock.format.ThreadInfo;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    private static final ThreadInfo WORKER = new ThreadInfo(3, "main/2", "pool-1-thread-1", false);
    private static final String SITE = "x.Dice.roll(Dice.java:7)";

    @Test
    void no_criteria_match_everything() {
        assertTrue(EventFilter.of(null, null, null).matches(WORKER, EventKind.NANO_TIME, SITE));
    }

    @Test
    void a_thread_matches_by_path_name_or_numeric_id() {
        assertTrue(EventFilter.of("main/2", null, null).matches(WORKER, EventKind.NANO_TIME, SITE));
        assertTrue(EventFilter.of("pool-1-thread-1", null, null).matches(WORKER, EventKind.NANO_TIME, SITE));
        assertTrue(EventFilter.of("3", null, null).matches(WORKER, EventKind.NANO_TIME, SITE));
        assertFalse(EventFilter.of("main", null, null).matches(WORKER, EventKind.NANO_TIME, SITE));
        assertFalse(EventFilter.of("2", null, null).matches(WORKER, EventKind.NANO_TIME, SITE));
    }

    @Test
    void a_kind_matches_by_label_or_enum_name() {
        assertTrue(EventFilter.of(null, "clock.nanos", null).matches(WORKER, EventKind.NANO_TIME, SITE));
        assertTrue(EventFilter.of(null, "NANO_TIME", null).matches(WORKER, EventKind.NANO_TIME, SITE));
        assertFalse(EventFilter.of(null, "clock.millis", null).matches(WORKER, EventKind.NANO_TIME, SITE));
    }

    @Test
    void a_site_matches_by_case_sensitive_substring() {
        assertTrue(EventFilter.of(null, null, "Dice.roll").matches(WORKER, EventKind.NANO_TIME, SITE));
        assertTrue(EventFilter.of(null, null, "Dice.java:7").matches(WORKER, EventKind.NANO_TIME, SITE));
        assertFalse(EventFilter.of(null, null, "dice.roll").matches(WORKER, EventKind.NANO_TIME, SITE));
    }

    @Test
    void all_criteria_must_hold() {
        EventFilter f = EventFilter.of("main/2", "clock.nanos", "Dice");
        assertTrue(f.matches(WORKER, EventKind.NANO_TIME, SITE));
        assertFalse(f.matches(WORKER, EventKind.CLOCK_MILLIS, SITE));
        assertFalse(f.matches(new ThreadInfo(1, "main", "main", false), EventKind.NANO_TIME, SITE));
    }

    @Test
    void an_unknown_kind_is_refused_with_the_valid_kinds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventFilter.of(null, "clock", null));
        assertTrue(e.getMessage().contains("unknown event kind 'clock'"), e.getMessage());
        assertTrue(e.getMessage().contains("clock.nanos, clock.instant"), e.getMessage());
    }
}
