package dev.airlock.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.format.AuditEntry;
import dev.airlock.format.AuditTrail;
import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalSeal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay command end to end, with a shell script standing in for java: it answers {@code -version},
 * saves its argv and working directory, and writes the result file named in {@code -javaagent} as the
 * replay agent would, behaving as the {@code mode} file next to it says.
 */
class ReplayCommandTest {

    private static final String FAKE_JAVA = String.join("\n",
        "#!/bin/sh",
        "here=$(dirname \"$0\")",
        "if [ \"$1\" = \"-version\" ]; then echo 'openjdk version \"17.0.9\" 2023-10-17' >&2; exit 0; fi",
        "printf '%s\\n' \"$@\" > \"$here/argv\"",
        "pwd > \"$here/cwd\"",
        "for a in \"$@\"; do case \"$a\" in -javaagent:*) opts=\"${a#*=}\" ;; esac; done",
        "result=\"${opts##*result=}\"",
        "case $(cat \"$here/mode\") in",
        "  matched) printf 'status=completed\\nevents.replayed=6\\nexit.code=0\\nstdout.bytes=6\\nstdout.sha256=aaaa\\n"
            + "stderr.bytes=0\\nstderr.sha256=bbbb\\n' > \"$result\"; exit 0 ;;",
        "  diverged) printf 'status=diverged\\nevents.replayed=2\\ndivergence.thread=main\\ndivergence.event_index=2\\n"
            + "divergence.expected=clock.nanos\\ndivergence.actual=clock.millis\\ndivergence.message=moved\\n' > \"$result\"; exit 1 ;;",
        "  crash) exit 134 ;;",
        "  hang) exec sleep 60 ;;",
        "esac",
        "");

    @TempDir
    Path tmp;
    private Path journal;
    private Path javaDir;
    private Path workDir;

    @BeforeEach
    void setUp() throws Exception {
        javaDir = Files.createDirectories(tmp.resolve("fakejdk/bin"));
        Path java = Files.writeString(javaDir.resolve("java"), FAKE_JAVA);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path agentJar = Files.writeString(tmp.resolve("airlock.jar"), "not really a jar");
        System.setProperty(ReplayCommand.AGENT_JAR_PROPERTY, agentJar.toString());
        workDir = Files.createDirectories(tmp.resolve("work"));
        journal = tmp.resolve("journal");
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(ReplayCommand.AGENT_JAR_PROPERTY);
    }

    private CliRun replay(String mode, Fields header, String... options) throws Exception {
        TestJournals.write(journal, header, TestJournals.end(0));
        Files.writeString(javaDir.resolve("mode"), mode);
        // The test journals name a classpath (/app/main.jar) that is not on this machine.
        String[] args = new String[options.length + 5];
        args[0] = "replay";
        args[1] = journal.toString();
        args[2] = "--java";
        args[3] = javaDir.resolve("java").toString();
        args[4] = "--allow-classpath-changes";
        System.arraycopy(options, 0, args, 5, options.length);
        return CliRun.asMain(args);
    }

    private Fields header() {
        return TestJournals.header().put(HeaderKeys.WORKING_DIR, workDir.toString());
    }

    private String lastErrLine(CliRun run) {
        String[] lines = run.errLines();
        return lines[lines.length - 1];
    }

    @Test
    void a_matching_replay_exits_with_the_app_exit_code_and_reports_it() throws Exception {
        Path report = tmp.resolve("report.json");
        CliRun run = replay("matched", header(), "--report", report.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("airlock: replay matched (6 events, exit code 0)", lastErrLine(run));
        assertEquals(1, java.util.Arrays.stream(run.errLines()).filter(l -> !l.contains("warning: classpath entry")).count(),
            run.err());
        String json = Files.readString(report);
        assertTrue(json.contains("\"matched\": true"), json);
        assertTrue(json.contains("\"events_recorded\": 6"), json);
        assertTrue(json.contains("\"status\": \"completed\""), json);
        assertTrue(json.matches("(?s).*\"integrity\": \"intact \\(sealed with none, \\d+ documents, 6 events\\)\",\\s*"
            + "\"forced\": false.*"), json);

        List<String> argv = Files.readAllLines(javaDir.resolve("argv"));
        String agent = argv.stream().filter(a -> a.startsWith("-javaagent:")).findFirst().orElseThrow();
        assertTrue(agent.startsWith("-javaagent:" + tmp.resolve("airlock.jar") + "=replay=" + journal + ",result="), agent);
        assertEquals(List.of("-Xmx64m", "-Duser.timezone=Europe/Paris", "-Duser.language=fr", "-Duser.country=FR",
            "-Duser.variant=", agent, "x.Main", "3", "two words"), argv);
        assertEquals(workDir.toRealPath().toString(), Files.readString(javaDir.resolve("cwd")).strip());
        String resultFile = agent.substring(agent.indexOf(",result=") + ",result=".length());
        assertFalse(Files.exists(Path.of(resultFile).getParent()), "temporary result directory left behind");
    }

    @Test
    void a_diverged_replay_exits_66_and_reports_where() throws Exception {
        Path report = tmp.resolve("report.json");
        CliRun run = replay("diverged", header(), "--report", report.toString());
        assertEquals(66, run.exitCode(), run.err());
        assertEquals("airlock: replay DIVERGED at event 2 on thread main: expected clock.nanos, got clock.millis",
            lastErrLine(run));
        String json = Files.readString(report);
        assertTrue(json.contains("\"event_index\": 2"), json);
        assertTrue(json.contains("\"message\": \"moved\""), json);
        assertFalse(run.err().contains("threads=ordered"), run.err());
    }

    @Test
    void a_diverged_ordered_replay_says_what_ordered_mode_leaves_out() throws Exception {
        CliRun run = replay("diverged", header().put(HeaderKeys.THREADS, "ordered"));
        assertEquals(66, run.exitCode(), run.err());
        assertTrue(run.err().contains("airlock: note: the recording used threads=ordered, which orders the program's "
            + "own monitors, locks, semaphores, atomics and volatile fields and its calls of thread-safe JDK classes, "
            + "but not data races or the JDK's lock-free internals"),
            run.err());
        assertTrue(lastErrLine(run).startsWith("airlock: replay DIVERGED at event 2"), run.err());
    }

    @Test
    void a_replay_jvm_that_dies_before_reporting_is_one_line_and_exit_70() throws Exception {
        Path report = tmp.resolve("report.json");
        CliRun run = replay("crash", header(), "--report", report.toString());
        assertEquals(70, run.exitCode(), run.err());
        assertEquals("airlock: the replay JVM ended with exit code 134 before reporting (see "
            + journal.resolve("airlock-replay.log") + ")", lastErrLine(run));
        assertTrue(Files.readString(report).contains("\"status\": \"crashed\""));
    }

    @Test
    void a_replay_past_its_timeout_is_stopped_with_exit_70() throws Exception {
        long start = System.nanoTime();
        CliRun run = replay("hang", header(), "--timeout", "1");
        assertEquals(70, run.exitCode(), run.err());
        assertTrue(lastErrLine(run).startsWith("airlock: the replay did not finish within 1 seconds"), run.err());
        assertTrue(System.nanoTime() - start < 30_000_000_000L);
    }

    @Test
    void a_missing_working_directory_and_another_java_version_are_warned_about() throws Exception {
        Fields h = TestJournals.header().put(HeaderKeys.WORKING_DIR, tmp.resolve("gone").toString())
            .put(HeaderKeys.JAVA_SPEC, "11");
        CliRun run = replay("matched", h);
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.errLines();
        assertTrue(run.err().contains("airlock: warning: the recording ran on Java 11 but the replay runs on Java 17"),
            run.err());
        assertTrue(run.err().contains("airlock: warning: recorded working directory " + tmp.resolve("gone")
            + " does not exist here; replaying in " + Path.of("").toAbsolutePath()), run.err());
        assertEquals("airlock: replay matched (6 events, exit code 0)", lines[lines.length - 1]);
    }

    @Test
    void debugging_prints_how_to_attach() throws Exception {
        CliRun run = replay("matched", header(), "--debug");
        assertTrue(run.err().contains("jdb -attach 127.0.0.1:5005"), run.err());
        assertTrue(run.err().contains("host 127.0.0.1, port 5005"), run.err());
        // The replay JVM's debug agent listens on a loopback port of its own, behind airlock's relay on 5005.
        String jdwp = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:";
        List<String> argv = Files.readAllLines(javaDir.resolve("argv"));
        assertTrue(argv.stream().anyMatch(a -> a.matches(java.util.regex.Pattern.quote(jdwp) + "\\d+")
            && !a.equals(jdwp + "5005")), argv.toString());
    }

    @Test
    void a_debug_port_in_use_is_a_usage_error() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = replay("matched", header(), "--debug=" + taken.getLocalPort());
            assertEquals(ExitCodes.USAGE, run.exitCode(), run.err());
            assertTrue(run.err().contains("airlock: --debug: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": "),
                run.err());
            assertFalse(run.err().contains("\tat "), run.err());
        }
    }

    @Test
    void a_cut_short_recording_can_still_be_replayed() throws Exception {
        Files.writeString(javaDir.resolve("mode"), "matched");
        TestJournals.write(journal, header(), null);
        CliRun run = CliRun.asMain("replay", journal.toString(), "--allow-classpath-changes", "--java", javaDir.resolve("java").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(lastErrLine(run).startsWith("airlock: replay matched (6 events, exit code 0; the recording was cut short"),
            run.err());
    }

    @Test
    void a_tampered_journal_is_refused_with_exit_72_before_any_jvm_starts() throws Exception {
        TestJournals.write(journal, header(), TestJournals.end(0));
        InspectCommandTest.corruptLastDocuments(journal);
        Files.writeString(javaDir.resolve("mode"), "matched");
        CliRun run = CliRun.asMain("replay", journal.toString(), "--allow-classpath-changes", "--java", javaDir.resolve("java").toString());
        assertEquals(72, run.exitCode(), run.err());
        assertEquals(1, java.util.Arrays.stream(run.errLines()).filter(l -> !l.contains("warning: classpath entry")).count(),
            run.err());
        assertTrue(run.err().strip().matches("airlock: refusing to replay: tampered: document \\d+ does not match the "
            + "digest chain: it was altered, removed or moved \\(--force replays it anyway\\)"), run.err());
        assertFalse(Files.exists(javaDir.resolve("argv")), "the replay JVM was started");
        AuditTrail.Check audit = AuditTrail.check(journal);
        AuditEntry entry = audit.entries().get(audit.entries().size() - 1);
        assertEquals("replay", entry.event());
        assertEquals("72", entry.get("exit"));
        assertTrue(entry.get("outcome").startsWith("refusing to replay: tampered: document "), entry.line());
    }

    @Test
    void force_replays_a_tampered_journal_and_the_report_says_so() throws Exception {
        TestJournals.write(journal, header(), TestJournals.end(0));
        InspectCommandTest.corruptLastDocuments(journal);
        Files.writeString(javaDir.resolve("mode"), "matched");
        Path report = tmp.resolve("report.json");
        CliRun run = CliRun.asMain("replay", journal.toString(), "--allow-classpath-changes", "--java", javaDir.resolve("java").toString(), "--force",
            "--report", report.toString());
        assertTrue(run.exitCode() != 72, run.err());
        assertTrue(Files.exists(javaDir.resolve("argv")), "the replay JVM ran");
        assertTrue(run.errLines()[0].startsWith("airlock: warning: replaying a journal that failed verification (--force): "
            + "tampered: document "), run.err());
        String json = Files.readString(report);
        assertTrue(json.contains("\"forced\": true"), json);
        assertTrue(json.contains("\"integrity\": \"tampered: document "), json);
        AuditTrail.Check audit = AuditTrail.check(journal);
        assertTrue(audit.entries().get(audit.entries().size() - 1).get("outcome").startsWith("forced: replay "),
            audit.entries().get(audit.entries().size() - 1).line());
    }

    @Test
    void a_journal_sealed_with_a_key_replays_and_the_report_says_whether_the_seal_was_checked() throws Exception {
        byte[] key = new byte[32];
        Path keyFile = Files.write(tmp.resolve("k"), key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        TestJournals.write(journal, header(), TestJournals.end(0), JournalSeal.hmac(key));
        Files.writeString(javaDir.resolve("mode"), "matched");
        Path report = tmp.resolve("report.json");
        CliRun keyed = CliRun.asMain("replay", journal.toString(), "--allow-classpath-changes", "--java", javaDir.resolve("java").toString(), "--key",
            keyFile.toString(), "--report", report.toString());
        assertEquals(0, keyed.exitCode(), keyed.err());
        assertTrue(Files.readString(report).contains("\"integrity\": \"intact (sealed with HmacSHA256, "));

        CliRun unkeyed = CliRun.asMain("replay", journal.toString(), "--allow-classpath-changes", "--java", javaDir.resolve("java").toString(),
            "--report", report.toString());
        assertEquals(0, unkeyed.exitCode(), unkeyed.err());
        assertTrue(Files.readString(report).contains("\"integrity\": \"intact (sealed with HmacSHA256; not checked: "
            + "no --key)\""));

        Path open = Files.write(tmp.resolve("k2"), key);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        CliRun wrong = CliRun.asMain("replay", journal.toString(), "--allow-classpath-changes", "--java", javaDir.resolve("java").toString(), "--key",
            open.toString());
        assertEquals(2, wrong.exitCode(), "a world-readable key is a usage error: " + wrong.err());
    }
}
