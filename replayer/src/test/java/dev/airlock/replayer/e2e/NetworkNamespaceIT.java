package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero egress: recording and replay work in a network namespace with no interfaces but a loopback
 * that is down ({@code unshare -n}), so nothing in Airlock or its dependencies needs a network. Needs
 * the right to create namespaces (CI runs as root); skipped otherwise.
 */
class NetworkNamespaceIT {

    @TempDir
    Path tmp;

    @BeforeEach
    void needsANetworkNamespace() {
        Proc probe = Proc.run(List.of("unshare", "-n", "cat", "/proc/net/dev"), null, null);
        Assumptions.assumeTrue(probe.exitCode == 0, "cannot create a network namespace: " + probe);
        List<String> interfaces = probe.out().lines().skip(2).map(l -> l.strip().split(":")[0])
            .collect(Collectors.toList());
        assertEquals(List.of("lo"), interfaces, "the namespace has no interface but loopback\n" + probe);
    }

    /** {@code command} in a new network namespace. */
    private static List<String> isolated(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n"));
        cmd.addAll(command);
        return cmd;
    }

    private Proc recordIsolated(Path journal, String main) {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        List<String> cmd = new ArrayList<>(List.of(jdk.java()));
        cmd.addAll(jdk.baseFlags());
        cmd.addAll(List.of("-javaagent:" + Airlock.RECORDER + "=journal=" + journal, "-cp", Airlock.EXAMPLES_CP, main));
        return Proc.run(isolated(cmd), null, null);
    }

    private static Proc replayIsolated(Path journal, Path report) {
        return Proc.run(isolated(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            Airlock.CLI.toString(), "replay", journal.toString(), "--report", report.toString(), "--timeout", "120")),
            null, null);
    }

    @Test
    void clock_and_dice_records_and_replays_without_any_network() {
        Path journal = tmp.resolve("journal");
        Proc recorded = recordIsolated(journal, "dev.airlock.examples.ClockAndDice");
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertEquals("", recorded.err(), recorded.toString());

        Path report = tmp.resolve("report.json");
        Proc replayed = replayIsolated(journal, report);
        Airlock.assertMatched(recorded, replayed, report);
    }

    @Test
    void every_source_recorded_without_any_network_replays_what_it_recorded() {
        Path journal = tmp.resolve("journal");
        Proc recorded = recordIsolated(journal, "dev.airlock.examples.EverySource");
        assertEquals(0, recorded.exitCode, recorded.toString());

        Path report = tmp.resolve("report.json");
        Proc replayed = replayIsolated(journal, report);
        Airlock.assertMatched(recorded, replayed, report);
        System.out.println("without a network, EverySource recorded: " + recorded.out().lines()
            .filter(l -> l.startsWith("InetAddress.")).collect(Collectors.joining("; ")));
    }
}
