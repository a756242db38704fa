package dev.airlock.recorder.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    /** Parses as the recording agent does; the message must name {@code option} and fit on one line. */
    private static void assertRejected(String raw, String option) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> AgentOptions.parse(raw, "journal"), raw);
        assertTrue(e.getMessage().contains("'" + option + "'") || e.getMessage().contains("'" + option + "="),
            raw + " -> " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void the_journal_option_is_required() {
        assertRejected(null, "journal");
        assertRejected("", "journal");
        assertRejected("flush-ms=5", "journal");
    }

    @Test
    void an_unknown_option_is_rejected_by_name() {
        assertRejected("journal=/tmp/j,colour=red", "colour");
    }

    @Test
    void an_option_given_twice_is_rejected_by_name() {
        assertRejected("journal=/tmp/a,journal=/tmp/b", "journal");
        assertRejected("journal=/tmp/a,flush-ms=5,flush-ms=5", "flush-ms");
    }

    @Test
    void an_option_without_an_equals_sign_is_rejected_by_name() {
        assertRejected("journal=/tmp/j,verbose", "verbose");
    }

    @Test
    void an_option_with_an_empty_value_is_rejected_by_name() {
        assertRejected("journal=", "journal");
        assertRejected("journal=/tmp/j,flush-ms=", "flush-ms");
        assertRejected("journal=/tmp/j,buffer-mb=  ", "buffer-mb");
    }

    @Test
    void flush_ms_outside_one_to_ten_thousand_is_rejected_by_name() {
        assertRejected("journal=/tmp/j,flush-ms=0", "flush-ms");
        assertRejected("journal=/tmp/j,flush-ms=-5", "flush-ms");
        assertRejected("journal=/tmp/j,flush-ms=10001", "flush-ms");
        assertEquals(1, AgentOptions.parse("journal=/tmp/j,flush-ms=1", "journal").flushMillis());
        assertEquals(10_000, AgentOptions.parse("journal=/tmp/j,flush-ms=10000", "journal").flushMillis());
    }

    @Test
    void flush_ms_that_is_not_a_number_is_rejected_by_name() {
        assertRejected("journal=/tmp/j,flush-ms=ten", "flush-ms");
        assertRejected("journal=/tmp/j,flush-ms=1.5", "flush-ms");
        assertRejected("journal=/tmp/j,flush-ms=99999999999999999999", "flush-ms");
    }

    @Test
    void buffer_mb_outside_one_to_1024_is_rejected_by_name() {
        assertRejected("journal=/tmp/j,buffer-mb=0", "buffer-mb");
        assertRejected("journal=/tmp/j,buffer-mb=1025", "buffer-mb");
        assertRejected("journal=/tmp/j,buffer-mb=lots", "buffer-mb");
    }

    @Test
    void flush_defaults_to_ten_ms_and_the_buffer_to_32_mib() {
        AgentOptions options = AgentOptions.parse("journal=/tmp/j", "journal");
        assertEquals(10, options.flushMillis());
        assertEquals(32L << 20, options.bufferBytes());
    }

    @Test
    void given_numbers_are_used_and_the_buffer_is_counted_in_mib() {
        AgentOptions options = AgentOptions.parse(" journal = /tmp/j , flush-ms = 250 , buffer-mb = 1024 ", "journal");
        assertEquals(250, options.flushMillis());
        assertEquals(1024L << 20, options.bufferBytes());
        assertEquals(Paths.get("/tmp/j"), options.journal());
    }

    @Test
    void the_journal_path_is_absolute_and_normalized() {
        Path journal = AgentOptions.parse("journal=runs/../runs/./today", "journal").journal();
        assertTrue(journal.isAbsolute(), journal.toString());
        assertEquals(Paths.get("runs", "today").toAbsolutePath().normalize(), journal);
        assertEquals(Paths.get("/a/c"), AgentOptions.parse("journal=/a/b/../c/.", "journal").journal());
    }

    @Test
    void the_raw_text_and_each_value_are_kept() {
        AgentOptions options = AgentOptions.parse("journal=/tmp/j,flush-ms=20", "journal");
        assertEquals("journal=/tmp/j,flush-ms=20", options.raw());
        assertEquals("20", options.get("flush-ms"));
        assertEquals(null, options.get("buffer-mb"));
    }

    @org.junit.jupiter.api.Test
    void percent_p_in_the_journal_path_is_the_process_id() {
        java.nio.file.Path p = AgentOptions.parse("journal=/tmp/runs/%p", "journal").journal();
        org.junit.jupiter.api.Assertions.assertEquals("/tmp/runs/" + ProcessHandle.current().pid(), p.toString());
    }

    @org.junit.jupiter.api.Test
    void caps_take_suffixes_and_refuse_nonsense() {
        org.junit.jupiter.api.Assertions.assertEquals(64L << 10, AgentOptions.parse("journal=j,max-bytes=64k").maxBytes());
        org.junit.jupiter.api.Assertions.assertEquals(120_000L,
            AgentOptions.parse("journal=j,max-duration=2m").maxDurationMillis());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> AgentOptions.parse("journal=j,max-bytes=lots"));
    }

    @Test
    void threads_are_serial_ordered_or_free_and_the_quantum_is_bounded() {
        assertTrue(AgentOptions.parse("journal=/tmp/j,threads=serial").serialThreads());
        assertTrue(AgentOptions.parse("journal=/tmp/j,threads=ordered").orderedThreads());
        assertFalse(AgentOptions.parse("journal=/tmp/j,threads=ordered").serialThreads());
        assertTrue(AgentOptions.parse("journal=/tmp/j").serialThreads(), "serial is the default");
        assertFalse(AgentOptions.parse("journal=/tmp/j,threads=free").serialThreads());
        assertEquals(1000, AgentOptions.parse("journal=/tmp/j").quantum());
        assertEquals(50, AgentOptions.parse("journal=/tmp/j,quantum=50").quantum());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> AgentOptions.parse("journal=/tmp/j,threads=parallel"));
        assertEquals("agent option 'threads' must be serial, ordered or free, not 'parallel'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("journal=/tmp/j,quantum=0"));
    }

    @Test
    void preempt_is_calls_or_memory_and_only_for_serial_threads() {
        assertEquals("calls", AgentOptions.parse("journal=/tmp/j").preempt());
        assertEquals("memory", AgentOptions.parse("journal=/tmp/j,preempt=memory").preempt());
        assertEquals("memory", AgentOptions.parse("journal=/tmp/j,threads=serial,preempt=memory").preempt());
        assertRejected("journal=/tmp/j,preempt=fields", "preempt");
        assertRejected("journal=/tmp/j,threads=ordered,preempt=memory", "preempt");
        assertEquals("calls", AgentOptions.parse("journal=/tmp/j,threads=free").preempt(), "free has no points at all");
    }
}
