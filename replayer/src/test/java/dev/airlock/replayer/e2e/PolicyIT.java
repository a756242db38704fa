package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's policy file decides what is captured; replay applies the recorded policy. */
class PolicyIT {

    @TempDir
    Path tmp;

    private Proc recordWithPolicy(Path journal, String policy, String main, String... args) throws Exception {
        Path file = tmp.resolve("policy.properties");
        Files.writeString(file, policy);
        List<String> cmd = new java.util.ArrayList<>(List.of(Airlock.defaultJdk().java(),
            "-javaagent:" + Airlock.RECORDER + "=journal=" + journal + ",policy=" + file, "-cp", Airlock.EXAMPLES_CP, main));
        cmd.addAll(List.of(args));
        return Proc.run(cmd, null, null);
    }

    @Test
    void only_the_kinds_the_policy_names_are_recorded_and_console_bytes_can_stay_out() throws Exception {
        Path journal = tmp.resolve("journal");
        Proc recorded = recordWithPolicy(journal, "record.kinds=clock.*,console.*\nconsole.bytes=digest\n",
            "dev.airlock.examples.Durations");
        assertEquals(0, recorded.exitCode, recorded.toString());

        Proc events = Airlock.cli(null, "events", journal.toString());
        assertEquals(0, events.exitCode, events.toString());
        for (String line : events.out().split("\n")) {
            assertTrue(line.contains(" clock.") || line.contains(" console.") || line.contains(" thread."), line);
        }
        assertTrue(events.out().contains("clock.nanos"), events.out());
        assertNoFileContains(journal, "duration 1: ");

        Path report = tmp.resolve("report.json");
        Airlock.assertMatched(recorded, Airlock.replay(Airlock.defaultJdk(), journal, report), report);
    }

    @Test
    void kinds_left_out_by_the_policy_are_live_on_replay_and_a_difference_is_reported() throws Exception {
        Path journal = tmp.resolve("journal");
        Proc recorded = recordWithPolicy(journal, "record.kinds=clock.*,console.*\n", "dev.airlock.examples.ClockAndDice",
            "3");
        assertEquals(0, recorded.exitCode, recorded.toString());
        Proc events = Airlock.cli(null, "events", journal.toString(), "--kind", "random.seed");
        assertEquals("", events.out().strip(), "no random events recorded");
        Path report = tmp.resolve("report.json");
        Proc replayed = Airlock.replay(Airlock.defaultJdk(), journal, report);
        assertEquals(66, replayed.exitCode, "live dice differ from the recorded output\n" + replayed);
        assertTrue(Airlock.read(report).contains("console.stdout") || Airlock.read(report).contains("stdout write"),
            Airlock.read(report));
    }

    @Test
    void excluded_packages_are_not_rewritten() throws Exception {
        Path journal = tmp.resolve("journal");
        Proc recorded = recordWithPolicy(journal, "instrument.exclude=dev.airlock.examples.\n",
            "dev.airlock.examples.Durations");
        assertEquals(0, recorded.exitCode, recorded.toString());
        Proc events = Airlock.cli(null, "events", journal.toString(), "--kind", "clock.nanos");
        assertEquals("", events.out().strip(), "Durations' nanoTime calls are not captured");
    }

    @Test
    void a_bad_policy_stops_the_jvm_with_one_line() throws Exception {
        Proc p = recordWithPolicy(tmp.resolve("journal"), "record.everything=yes\n", "dev.airlock.examples.ClockAndDice");
        assertEquals(2, p.exitCode, p.toString());
        assertTrue(p.err().strip().startsWith("airlock: unknown policy key 'record.everything'"), p.err());
        assertFalse(p.err().strip().contains("\n"), p.err());
    }

    static void assertNoFileContains(Path dir, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (f.getFileName().toString().endsWith(".log")) {
                    continue;
                }
                byte[] all = Files.readAllBytes(f);
                assertFalse(indexOf(all, needle) >= 0, "'" + text + "' found in " + f);
            }
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
