package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Host names: the recording resolves through a hosts file ({@code -Djdk.net.hosts.file}, so no DNS is
 * needed on this machine); the file is deleted before the replays, which still see every recorded
 * address, the recorded failure and the names found by reverse lookups ({@code getHostName}), because
 * the replay resolves nothing.
 */
class ResolveIT {

    private static final String MAIN = "dev.airlock.examples.ResolvesHosts";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void resolutions_replay_without_a_name_service(Airlock.Jdk jdk) throws Exception {
        Path hosts = tmp.resolve("hosts");
        Files.writeString(hosts, "10.1.2.3 db.prod.internal\n10.1.2.4 db.prod.internal\n192.168.7.7 cache.prod.internal\n");
        List<String> flags = List.of("-Djdk.net.hosts.file=" + hosts);
        String[] names = {"db.prod.internal", "cache.prod.internal"};
        Proc plain1 = Airlock.record(jdk, tmp.resolve("unused1"), flags, Airlock.EXAMPLES_CP, MAIN, names);
        Proc plain2 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, names);
        assertNotEquals(plain1.out(), plain2.out(), "runs differ (the ticket)");

        Path journal = tmp.resolve("journal");
        Proc recorded = Airlock.record(jdk, journal, flags, Airlock.EXAMPLES_CP, MAIN, names);
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().contains("pass 2: db.prod.internal -> 10.1.2.3, 10.1.2.4"), recorded.out());
        assertTrue(recorded.out().contains("pass 1: no-such-host.invalid unknown"), recorded.out());
        assertTrue(recorded.out().contains("reverse: 192.168.7.7 -> cache.prod.internal"), recorded.out());
        assertTrue(recorded.out().contains("reverse: 10.9.9.9 -> 10.9.9.9"), recorded.out());

        Files.delete(hosts);
        for (int i = 0; i < 3; i++) {
            Path report = tmp.resolve("report" + i + ".json");
            Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
        }
        Proc events = Airlock.cli(null, "events", journal.toString(), "--kind", "net.resolve");
        assertTrue(events.out().contains("net.resolve db.prod.internal -> 10.1.2.3 10.1.2.4"), events.out());
        assertTrue(events.out().contains("net.resolve no-such-host.invalid failed: "), events.out());
        assertTrue(events.out().contains("net.resolve #reverse 192.168.7.7 -> "), events.out());
    }
}
