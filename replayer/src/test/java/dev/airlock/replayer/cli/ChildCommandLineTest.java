package dev.airlock.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildCommandLineTest {

    private static final Path JAR = Path.of("/opt/airlock/airlock.jar");
    private static final Path JOURNAL = Path.of("/tmp/j");
    private static final Path RESULT = Path.of("/tmp/r/result.properties");
    private static final String AGENT = "-javaagent:/opt/airlock/airlock.jar=replay=/tmp/j,result=/tmp/r/result.properties";

    private static Fields header(String... jvmArgs) {
        Fields h = new Fields().put(HeaderKeys.MAIN_CLASS, "x.Main").put(HeaderKeys.CLASS_PATH, "a.jar:b.jar")
            .put(HeaderKeys.MAIN_ARG + 0, "one").put(HeaderKeys.MAIN_ARG + 1, "two words");
        for (int i = 0; i < jvmArgs.length; i++) {
            h.put(HeaderKeys.JVM_ARG + i, jvmArgs[i]);
        }
        return h;
    }

    private static List<String> build(Fields h, int javaMajor, Integer debugPort) {
        return new ChildCommandLine(h).java("/jdk/bin/java", javaMajor).agent(JAR, JOURNAL, RESULT)
            .debugPort(debugPort).build();
    }

    @Test
    void recorded_jvm_args_are_kept_except_airlock_agents_and_debuggers() {
        List<String> argv = build(header(
            "-Dapp.mode=test", "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xmx1g",
            "-javaagent:/work/recorder/target/airlock-recorder.jar=journal=/tmp/rec",
            "-javaagent:/opt/other/agent.jar=x=airlock",
            "-agentlib:jdwp=transport=dt_socket,server=y,address=*:5005",
            "-Xrunjdwp:transport=dt_socket", "-agentpath:/lib/libjdwp.so=server=y",
            "-agentpath:/lib/libyjp.so", "--sun-misc-unsafe-memory-access=warn"), 17, null);
        assertEquals(List.of("/jdk/bin/java", "-Dapp.mode=test", "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xmx1g",
            AGENT, "-javaagent:/opt/other/agent.jar=x=airlock", "-agentpath:/lib/libyjp.so",
            "-cp", "a.jar:b.jar", "x.Main", "one", "two words"), argv);
    }

    @Test
    void the_replay_agent_comes_after_the_jvm_args_when_the_recording_named_none() {
        List<String> argv = build(header("-Dk=v"), 17, null);
        assertEquals(List.of("/jdk/bin/java", "-Dk=v", AGENT, "-cp", "a.jar:b.jar", "x.Main", "one", "two words"), argv);
    }

    @Test
    void a_recorded_main_jar_is_run_with_dash_jar_and_no_class_path() {
        Fields h = header().put(HeaderKeys.MAIN_JAR, "app.jar");
        List<String> argv = build(h, 17, null);
        assertEquals(List.of("/jdk/bin/java", AGENT, "-jar", "app.jar", "one", "two words"), argv);
    }

    @Test
    void without_a_recorded_class_path_no_cp_is_passed() {
        Fields h = new Fields().put(HeaderKeys.MAIN_CLASS, "x.Main");
        assertEquals(List.of("/jdk/bin/java", AGENT, "x.Main"), build(h, 17, null));
    }

    @Test
    void time_zone_locale_and_encoding_are_pinned_after_the_recorded_args() {
        Fields h = header("-Duser.timezone=UTC").put(HeaderKeys.TIME_ZONE, "Asia/Kolkata")
            .put(HeaderKeys.LOCALE, "de-CH").put(HeaderKeys.FILE_ENCODING, "UTF-8");
        List<String> argv = build(h, 17, null);
        assertEquals(List.of("/jdk/bin/java", "-Duser.timezone=UTC", "-Duser.timezone=Asia/Kolkata",
            "-Duser.language=de", "-Duser.country=CH", "-Duser.variant=", "-Dfile.encoding=UTF-8", AGENT,
            "-cp", "a.jar:b.jar", "x.Main", "one", "two words"), argv);
    }

    @Test
    void the_recorded_processor_count_is_pinned_unless_the_recording_set_it() {
        assertEquals(List.of("-XX:ActiveProcessorCount=48"),
            ChildCommandLine.pinnedProcessors(header().put(HeaderKeys.PROCESSORS, "48")));
        List<String> argv = build(header().put(HeaderKeys.PROCESSORS, "48"), 17, null);
        assertTrue(argv.indexOf("-XX:ActiveProcessorCount=48") < argv.indexOf("x.Main"), argv.toString());
        assertEquals(List.of(), ChildCommandLine.pinnedProcessors(
            header("-XX:ActiveProcessorCount=4").put(HeaderKeys.PROCESSORS, "4")));
        assertEquals(List.of(), ChildCommandLine.pinnedProcessors(header()), "an older journal has none");
    }

    @Test
    void a_language_only_locale_still_pins_country_and_variant_empty() {
        assertEquals(List.of("-Duser.language=ja", "-Duser.country=", "-Duser.variant="),
            ChildCommandLine.pinnedProperties(new Fields().put(HeaderKeys.LOCALE, "ja")));
        assertEquals(List.of("-Duser.language=sr", "-Duser.country=RS", "-Duser.variant=", "-Duser.script=Latn"),
            ChildCommandLine.pinnedProperties(new Fields().put(HeaderKeys.LOCALE, "sr-Latn-RS")));
    }

    @Test
    void debugging_listens_on_the_loopback_interface_only() {
        List<String> argv = build(header(), 17, 8000);
        String jdwp = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:8000";
        assertTrue(argv.contains(jdwp), argv.toString());
        assertTrue(argv.indexOf(jdwp) < argv.indexOf("x.Main"));
        assertFalse(argv.stream().anyMatch(a -> a.contains("*:") || a.contains("0.0.0.0")), argv.toString());
    }

    @Test
    void the_unsafe_memory_access_flag_is_added_on_java_24_and_later_only() {
        assertEquals("--sun-misc-unsafe-memory-access=allow", build(header(), 25, null).get(1));
        assertEquals("--sun-misc-unsafe-memory-access=allow", build(header(), 24, null).get(1));
        assertFalse(build(header("--sun-misc-unsafe-memory-access=allow"), 23, null).stream()
            .anyMatch(a -> a.startsWith("--sun-misc")));
    }

    @Test
    void a_header_without_main_class_or_jar_is_a_journal_error() {
        JournalException e = assertThrows(JournalException.class,
            () -> build(new Fields().put(HeaderKeys.JVM_ARG + 0, "-Xmx1g"), 17, null));
        assertTrue(e.getMessage().contains("neither a main class nor a main jar"), e.getMessage());
    }

    @Test
    void airlock_agents_are_recognised_by_their_jar_path_only() {
        assertTrue(ChildCommandLine.isAirlockAgent("-javaagent:/x/Airlock.jar"));
        assertTrue(ChildCommandLine.isAirlockAgent("-javaagent:/x/airlock-recorder.jar=journal=/tmp/j"));
        assertFalse(ChildCommandLine.isAirlockAgent("-javaagent:/x/other.jar=airlock=1"));
        assertFalse(ChildCommandLine.isAirlockAgent("-Dairlock.x=1"));
    }
}
