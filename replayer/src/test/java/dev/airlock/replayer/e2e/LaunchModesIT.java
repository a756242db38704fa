package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent works however the application is started, and replay does not need the recording's settings. */
class LaunchModesIT {

    @TempDir
    Path tmp;

    @Test
    void an_app_started_with_dash_jar_records_and_replays() {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Proc.run(List.of(jdk.java(), "-javaagent:" + Airlock.RECORDER + "=journal=" + journal, "-jar",
            Airlock.EXAMPLES.toString(), "2"), null, null);
        assertEquals(0, recorded.exitCode, recorded.toString());
        Path report = tmp.resolve("report.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
    }

    @Test
    void arguments_with_spaces_quotes_and_empty_strings_replay_exactly() {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, "dev.airlock.examples.EchoArgs", "two words", "",
            "quote\"d", "  padded ");
        assertEquals(0, recorded.exitCode, recorded.toString());
        org.junit.jupiter.api.Assertions.assertTrue(recorded.out().startsWith("[two words]\n[]\n[quote\"d]\n[  padded ]\n"),
            recorded.out());
        Path report = tmp.resolve("report.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
    }

    @Test
    void an_agent_given_through_java_tool_options_records_and_replays() {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Proc.run(List.of(jdk.java(), "-cp", Airlock.EXAMPLES_CP, "dev.airlock.examples.ClockAndDice"),
            null, Map.of("JAVA_TOOL_OPTIONS", "-javaagent:" + Airlock.RECORDER + "=journal=" + journal));
        assertEquals(0, recorded.exitCode, recorded.toString());
        Path report = tmp.resolve("report.json");
        Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
    }

    @Test
    void on_java_25_the_jdks_own_unsafe_warning_does_not_count_as_application_output() {
        Airlock.Jdk jdk = Airlock.jdks().filter(j -> j.feature() >= 24).findFirst().orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk != null, "no Java 24+ installed");
        Path journal = tmp.resolve("journal");
        Proc recorded = Proc.run(List.of(jdk.java(), "-javaagent:" + Airlock.RECORDER + "=journal=" + journal, "-cp",
            Airlock.EXAMPLES_CP, "dev.airlock.examples.ClockAndDice"), null, null);
        assertEquals(0, recorded.exitCode, recorded.toString());
        Path report = tmp.resolve("report.json");
        Proc replayed = Airlock.replay(jdk, journal, report);
        Airlock.assertMatched(recorded, replayed, report);
        String json = Airlock.read(report);
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"recorded_bytes\": 0"), "stderr digest counts the app's bytes only\n" + json);
    }

    @Test
    void replay_does_not_depend_on_the_workstation_time_zone_locale_or_environment() {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded = Proc.run(List.of(jdk.java(), "-Duser.timezone=Asia/Tokyo", "-Duser.language=de",
            "-Duser.country=CH", "-javaagent:" + Airlock.RECORDER + "=journal=" + journal, "-cp", Airlock.EXAMPLES_CP,
            "dev.airlock.examples.EverySource"), null, Map.of("AIRLOCK_EXAMPLE_VAR", "recorded-value"));
        assertEquals(0, recorded.exitCode, recorded.toString());
        Path report = tmp.resolve("report.json");
        Proc replayed = Airlock.cli(Map.of("TZ", "America/New_York", "LANG", "fr_FR.UTF-8", "AIRLOCK_EXAMPLE_VAR",
            "another-value", "HOSTNAME", "elsewhere"), "replay", journal.toString(), "--report", report.toString());
        Airlock.assertMatched(recorded, replayed, report);
    }
}
