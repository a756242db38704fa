package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local only: a recording and its replay open no network connection and send no datagram (Chronicle's
 * analytics would), and write nothing into the user's home. Traced at the system-call level.
 */
class NoEgressIT {

    private static final Path STRACE = Paths.get("/usr/bin/strace");

    @TempDir
    Path tmp;

    @Test
    void recording_and_replay_make_no_network_calls_and_leave_home_untouched() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(STRACE), "strace is not installed");
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path journal = tmp.resolve("journal");
        Path trace = tmp.resolve("record.strace");
        List<String> cmd = new ArrayList<>(List.of(STRACE.toString(), "-f", "-qq", "-e", "trace=connect,sendto,sendmsg",
            "-o", trace.toString(), jdk.java(), "-Duser.home=" + home));
        cmd.addAll(jdk.baseFlags());
        cmd.addAll(List.of("-javaagent:" + Airlock.RECORDER + "=journal=" + journal, "-cp", Airlock.EXAMPLES_CP,
            "dev.airlock.examples.ClockAndDice", "2"));
        Proc recorded = Proc.run(cmd, null, java.util.Map.of("HOME", home.toString()));
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertNoInternetCalls(trace);

        Path replayTrace = tmp.resolve("replay.strace");
        Path report = tmp.resolve("report.json");
        Proc replayed = Proc.run(List.of(STRACE.toString(), "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o",
            replayTrace.toString(), Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-Duser.home=" + home, "-jar", Airlock.CLI.toString(), "replay", journal.toString(), "--report",
            report.toString()), null, java.util.Map.of("HOME", home.toString()));
        Airlock.assertMatched(recorded, replayed, report);
        assertNoInternetCalls(replayTrace);

        try (Stream<Path> left = Files.list(home)) {
            assertEquals(List.of(), left.collect(Collectors.toList()), "files written into the user's home");
        }
    }

    private static void assertNoInternetCalls(Path trace) throws Exception {
        List<String> calls = Files.readAllLines(trace).stream()
            .filter(l -> l.contains("AF_INET") || l.contains("sendto(") && !l.contains("AF_UNIX") && !l.contains("AF_NETLINK"))
            .collect(Collectors.toList());
        assertTrue(calls.isEmpty(), "network system calls: " + calls);
    }
}
