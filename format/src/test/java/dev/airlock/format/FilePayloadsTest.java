package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilePayloadsTest {

    @Test
    void a_stat_keeps_its_value_and_attributes() {
        FilePayloads.Stat s = FilePayloads.stat(FilePayloads.stat('s', "/etc/app.conf", 0, new long[] {0100644, 42, -1}));
        assertEquals('s', s.op());
        assertEquals("/etc/app.conf", s.path());
        assertArrayEquals(new long[] {0100644, 42, -1}, s.attributes());
        assertEquals(false, s.failed());
        assertEquals("stat /etc/app.conf = 0 (3 attributes)", StreamPayloads.describe(EventKind.FILE_STAT,
            FilePayloads.stat('s', "/etc/app.conf", 0, new long[] {0100644, 42, -1})));
    }

    @Test
    void a_failed_stat_keeps_its_errno_or_exception() {
        FilePayloads.Stat errno = FilePayloads.stat(FilePayloads.statErrno('a', "missing", 2));
        assertEquals(2, errno.errno());
        assertTrue(errno.failed());
        FilePayloads.Stat thrown = FilePayloads.stat(FilePayloads.statFailed('L', "x", new SecurityException("no")));
        assertEquals("java.lang.SecurityException", thrown.exceptionClass());
        assertEquals("no", thrown.message());
    }

    @Test
    void a_listing_keeps_names_in_order_or_null_or_the_failure() {
        List<String> names = List.of("b.txt", "a.txt", "ünïcode");
        assertEquals(names, FilePayloads.listing(FilePayloads.listing("/in", names)).names());
        FilePayloads.Listing none = FilePayloads.listing(FilePayloads.listingNull("/file"));
        assertNull(none.names());
        assertNull(none.exceptionClass());
        FilePayloads.Listing failed = FilePayloads.listing(FilePayloads.listingFailed("/gone", new NoSuchFileException("/gone")));
        assertEquals("java.nio.file.NoSuchFileException", failed.exceptionClass());
        assertEquals("/gone", failed.message());
    }

    @Test
    void a_cut_payload_is_a_corrupt_journal_not_a_crash() {
        byte[] p = FilePayloads.stat('s', "/etc/app.conf", 0, new long[] {1, 2, 3});
        assertThrows(CorruptJournalException.class, () -> FilePayloads.stat(Arrays.copyOf(p, p.length - 5)));
        byte[] l = FilePayloads.listing("/in", List.of("a", "b"));
        assertThrows(CorruptJournalException.class, () -> FilePayloads.listing(Arrays.copyOf(l, l.length - 1)));
    }
}
