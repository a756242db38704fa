package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code airlock events --since/--until}: a range of recorded time, as the program's own clock reads tell it. */
class EventsTimeIT {

    @TempDir
    Path tmp;

    @Test
    void events_filter_by_recorded_time() throws Exception {
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(Airlock.defaultJdk(), journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.ClockAndDice");
        assertEquals(0, recorded.exitCode, recorded.toString());
        List<String> all = Airlock.cli(null, "events", journal.toString()).out().lines().toList();
        Matcher millis = Pattern.compile("#(\\d+) \\S+ seq=\\d+ clock\\.millis (\\d+) ").matcher(String.join("\n", all));
        assertTrue(millis.find(), String.join("\n", all));
        long firstRead = Long.parseLong(millis.group(1));
        String since = Instant.ofEpochMilli(Long.parseLong(millis.group(2))).toString();

        List<String> later = Airlock.cli(null, "events", journal.toString(), "--since", since).out().lines().toList();
        assertTrue(!later.isEmpty() && later.size() < all.size(), later.toString());
        assertTrue(Long.parseLong(later.get(0).substring(1, later.get(0).indexOf(' '))) >= firstRead, later.get(0));

        Proc none = Airlock.cli(null, "events", journal.toString(), "--until", "1970-01-02T00:00:00Z");
        assertEquals(0, none.exitCode, none.toString());
        assertEquals("", none.out());
        Proc everything = Airlock.cli(null, "events", journal.toString(), "--since", "+0", "--until", "+3600");
        assertEquals(all.size(), everything.out().lines().count());

        Proc bad = Airlock.cli(null, "events", journal.toString(), "--since", "yesterday");
        assertEquals(2, bad.exitCode, bad.toString());
        assertTrue(bad.err().contains("--since takes an instant"), bad.err());
    }
}
