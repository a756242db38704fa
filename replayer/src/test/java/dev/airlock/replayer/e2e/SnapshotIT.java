package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Live snapshots against the example order service under load from a client: {@code airlock snapshot}
 * injects a point at a line, exactly N snapshots with the expected locals come out, the point removes
 * itself and the class is back to its bytes, and the service never failed a request. Bad requests get
 * one line each; the target's policy file is obeyed.
 */
class SnapshotIT {

    private static final String SERVICE = "dev.airlock.examples.OrderService";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void n_snapshots_under_load_then_the_point_removes_itself(Airlock.Jdk jdk) throws Exception {
        int line = OrderServiceProcess.line("snapshot-line");
        Path out = tmp.resolve("snapshots");
        try (OrderServiceProcess service = OrderServiceProcess.start(jdk, tmp.resolve("service"), List.of())) {
            service.startLoad(4);
            service.awaitAnswers(200);

            Proc inject = Airlock.cli(null, "snapshot", Long.toString(service.pid()), "--at", SERVICE + ":" + line,
                "--hits", "5", "-o", out.toString());
            assertEquals(0, inject.exitCode, inject.toString());
            assertTrue(inject.out().contains("injected at " + SERVICE + ":" + line), inject.out());
            assertTrue(inject.out().contains("variables: item, quantity, order, net, total, this"), inject.out());

            awaitAudit(out, "snapshot.removed");
            service.awaitAnswers(500);
            service.stopLoad();
            assertEquals(0, service.failed.get(), "no request failed: " + service.firstFailure);
            assertTrue(service.process.isAlive());
            assertTrue(service.slowestMillis.get() < 10_000, "no request waited long: " + service.slowestMillis.get() + " ms");

            Proc json = Airlock.cli(null, "snapshots", out.toString(), "--json");
            assertEquals(0, json.exitCode, json.toString());
            List<String> snapshots = json.out().lines().toList();
            assertEquals(5, snapshots.size(), json.out());
            for (int i = 0; i < snapshots.size(); i++) {
                String s = snapshots.get(i);
                assertTrue(s.contains("\"hit\":" + (i + 1)), s);
                long quantity = number(s, "\"quantity\":\"(\\d+)\"");
                long net = number(s, "\"net\":\"(\\d+)\"");
                long total = number(s, "\"total\":\"(\\d+)\"");
                assertEquals(net + net * 20 / 100, total, s);
                assertTrue(quantity >= 1 && quantity <= 100, s);
                assertTrue(s.contains("quantity=" + quantity), "the order local shows its fields: " + s);
                assertTrue(s.matches(".*\"item\":\"\\\\\"widget\\d\\\\\"\".*"), s);
                assertTrue(s.contains("\"taxPercent\":\"20\""), "this's fields: " + s);
                assertTrue(s.contains("\"stack\":[\"dev.airlock.examples.OrderService.price(OrderService.java:" + line + ")\""), s);
            }

            List<String> audit = Files.readAllLines(out.resolve("audit.log"));
            assertEquals(1, count(audit, "snapshot.injected"));
            assertEquals(5, count(audit, "snapshot.hit"));
            assertEquals(1, count(audit, "snapshot.removed"));
            String removed = audit.stream().filter(l -> l.contains("snapshot.removed")).findFirst().orElseThrow();
            assertTrue(removed.contains("\"restored\":\"true\""), removed);
            assertTrue(removed.contains("hit limit reached"), removed);
            String before = field(removed, "class.sha256.before");
            assertEquals(before, field(removed, "class.sha256.after"), "the class is back to the bytes it had before");
            Proc auditCheck = Airlock.cli(null, "audit", out.toString());
            assertEquals(0, auditCheck.exitCode, auditCheck.toString());

            Proc text = Airlock.cli(null, "snapshots", out.toString());
            assertTrue(text.out().contains("5 snapshot(s) from 1 point(s)"), text.out());
            assertTrue(text.out().contains("removed: hit limit reached"), text.out());
            Proc list = Airlock.cli(null, "snapshot", Long.toString(service.pid()), "--list");
            assertTrue(list.out().startsWith("0 active snapshot point(s)"), list.toString());
        }
    }

    @Test
    void conditions_select_hits_and_a_condition_that_never_holds_captures_nothing() throws Exception {
        int line = OrderServiceProcess.line("snapshot-line");
        Path out = tmp.resolve("snapshots");
        try (OrderServiceProcess service = OrderServiceProcess.start(Airlock.defaultJdk(), tmp.resolve("service"), List.of())) {
            service.startLoad(2);
            service.awaitAnswers(100);
            String pid = Long.toString(service.pid());
            Proc never = Airlock.cli(null, "snapshot", pid, "--at", SERVICE + ":" + line, "--when", "quantity > 1000",
                "--hits", "3", "--expire", "3s", "-o", out.resolve("never").toString());
            assertEquals(0, never.exitCode, never.toString());
            Proc rush = Airlock.cli(null, "snapshot", pid, "--at", SERVICE + ":" + line,
                "--when", "order.rush && order.item == \"widget7\" && total >= 0", "--hits", "3", "-o",
                out.resolve("rush").toString());
            assertEquals(0, rush.exitCode, rush.toString());
            awaitAudit(out.resolve("never"), "snapshot.removed");
            awaitAudit(out.resolve("rush"), "snapshot.removed");
            service.stopLoad();
            assertEquals(0, service.failed.get(), service.firstFailure);

            Proc none = Airlock.cli(null, "snapshots", out.resolve("never").toString(), "--json");
            assertEquals(0, none.exitCode, none.toString());
            assertEquals("", none.out());
            String removed = Files.readAllLines(out.resolve("never/audit.log")).stream()
                .filter(l -> l.contains("snapshot.removed")).findFirst().orElseThrow();
            assertTrue(removed.contains("expired after 3000 ms"), removed);
            assertTrue(number(removed, "\"evaluations\":\"(\\d+)\"") > 0, "the condition was evaluated: " + removed);

            List<String> taken = Airlock.cli(null, "snapshots", out.resolve("rush").toString(), "--json").out().lines().toList();
            assertEquals(3, taken.size());
            for (String s : taken) {
                assertTrue(number(s, "\"quantity\":\"(\\d+)\"") > 50, s);
                assertTrue(s.contains("item=\\\"widget7\\\""), s);
            }
        }
    }

    @Test
    void clear_removes_a_waiting_point() throws Exception {
        Path out = tmp.resolve("snapshots");
        try (OrderServiceProcess service = OrderServiceProcess.start(Airlock.defaultJdk(), tmp.resolve("service"), List.of())) {
            String pid = Long.toString(service.pid());
            Proc inject = Airlock.cli(null, "snapshot", pid, "--at", SERVICE + ":" + OrderServiceProcess.line("snapshot-line"),
                "--hits", "10", "--expire", "1h", "-o", out.toString());
            assertEquals(0, inject.exitCode, inject.toString());
            Proc list = Airlock.cli(null, "snapshot", pid, "--list");
            assertTrue(list.out().startsWith("1 active snapshot point(s)"), list.toString());
            Proc clear = Airlock.cli(null, "snapshot", pid, "--clear");
            assertEquals(0, clear.exitCode, clear.toString());
            assertTrue(clear.out().contains("removed 1 snapshot point(s)"), clear.out());
            String removed = Files.readAllLines(out.resolve("audit.log")).stream()
                .filter(l -> l.contains("snapshot.removed")).findFirst().orElseThrow();
            assertTrue(removed.contains("cleared by"), removed);
            assertTrue(removed.contains("\"restored\":\"true\""), removed);
            service.startLoad(1);
            service.awaitAnswers(50);
            assertEquals(0, service.failed.get(), service.firstFailure);
        }
    }

    @Test
    void bad_requests_are_refused_with_one_line_and_nothing_is_injected() throws Exception {
        Path out = tmp.resolve("snapshots");
        int line = OrderServiceProcess.line("snapshot-line");
        try (OrderServiceProcess service = OrderServiceProcess.start(Airlock.defaultJdk(), tmp.resolve("service"), List.of())) {
            String pid = Long.toString(service.pid());
            Proc malformed = Airlock.cli(null, "snapshot", pid, "--at", SERVICE + ":" + line, "--when", "total >",
                "-o", out.toString());
            assertOneLine(malformed, 2, "bad condition");
            assertFalse(Files.exists(out), "a malformed condition never reaches the JVM");
            assertOneLine(Airlock.cli(null, "snapshot", pid, "--at", "no.such.Type:12", "-o", out.toString()), 71,
                "no class no.such.Type is loaded");
            assertOneLine(Airlock.cli(null, "snapshot", pid, "--at", SERVICE + ":9999", "-o", out.toString()), 71,
                "has no code at line 9999");
            assertOneLine(Airlock.cli(null, "snapshot", pid, "--at", SERVICE + ":" + line, "--when", "ordr.rush",
                "-o", out.toString()), 71, "the condition names 'ordr', which is not a variable");
            assertOneLine(Airlock.cli(null, "snapshot", pid, "--at", SERVICE + ":" + line, "--when", "order.totl > 5",
                "-o", out.toString()), 71, "has no field 'totl'");
            assertOneLine(Airlock.cli(null, "snapshot", pid, "--at", "OrderService", "-o", out.toString()), 2, "CLASS:LINE");
            assertOneLine(Airlock.cli(null, "snapshot", pid, "--at", SERVICE + ":" + line, "--expire", "soon",
                "-o", out.toString()), 2, "--expire");
            Proc list = Airlock.cli(null, "snapshot", pid, "--list");
            assertTrue(list.out().startsWith("0 active snapshot point(s)"), list.toString());
        }
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            assertOneLine(Airlock.cli(null, "snapshot", Long.toString(sleeper.pid()), "--at", SERVICE + ":" + line, "-o",
                out.toString()), 69, "is not a running JVM");
            assertTrue(sleeper.isAlive(), "a process that is not a JVM is left alone (no SIGQUIT)");
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void the_target_jvms_policy_file_forbids_or_restricts_snapshots() throws Exception {
        int line = OrderServiceProcess.line("snapshot-line");
        Path deny = tmp.resolve("deny.properties");
        Files.writeString(deny, "snapshots=deny\n");
        Path elsewhere = tmp.resolve("elsewhere.properties");
        Files.writeString(elsewhere, "snapshots.packages=com.acme.orders\n");
        for (Path policy : List.of(deny, elsewhere)) {
            Path out = tmp.resolve("out-" + policy.getFileName());
            try (OrderServiceProcess service = OrderServiceProcess.start(Airlock.defaultJdk(),
                tmp.resolve("service-" + policy.getFileName()), List.of("-Dairlock.policy=" + policy))) {
                Proc p = Airlock.cli(null, "snapshot", Long.toString(service.pid()), "--at", SERVICE + ":" + line,
                    "-o", out.toString());
                assertOneLine(p, 71, policy == deny ? "forbids snapshots" : "allows snapshots only in com.acme.orders");
                String audit = Files.readString(out.resolve("audit.log"));
                assertTrue(audit.contains("snapshot.refused"), audit);
            }
        }
    }

    @Test
    void in_a_recording_jvm_the_recordings_policy_file_applies_and_both_work() throws Exception {
        int line = OrderServiceProcess.line("snapshot-line");
        Path policy = tmp.resolve("policy.properties");
        Files.writeString(policy, "snapshots.packages=dev.airlock.examples\n");
        Path journal = tmp.resolve("journal");
        Path out = tmp.resolve("snapshots");
        try (OrderServiceProcess service = OrderServiceProcess.start(Airlock.defaultJdk(), tmp.resolve("service"),
            List.of("-javaagent:" + Airlock.RECORDER + "=journal=" + journal + ",policy=" + policy))) {
            service.startLoad(2);
            service.awaitAnswers(50);
            String pid = Long.toString(service.pid());
            assertOneLine(Airlock.cli(null, "snapshot", pid, "--at", "java.util.ArrayList:100", "-o", out.toString()), 71,
                "allows snapshots only in dev.airlock.examples");
            Proc inject = Airlock.cli(null, "snapshot", pid, "--at", SERVICE + ":" + line, "--hits", "2", "-o", out.toString());
            assertEquals(0, inject.exitCode, inject.toString());
            awaitAudit(out, "snapshot.removed");
            service.awaitAnswers(50);
            service.stopLoad();
            assertEquals(0, service.failed.get(), service.firstFailure);
            assertEquals(2, Airlock.cli(null, "snapshots", out.toString(), "--json").out().lines().count());
            Proc status = Airlock.cli(null, "ctl", pid, "status");
            assertTrue(status.out().contains("state: recording"), "the recording runs on: " + status);
        }
    }

    private static void assertOneLine(Proc p, int code, String contains) {
        assertEquals(code, p.exitCode, p.toString());
        String err = p.err().strip();
        assertTrue(err.startsWith("airlock: ") && !err.contains("\n"), p.toString());
        assertTrue(err.contains(contains), p.toString());
    }

    private static void awaitAudit(Path out, String event) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        Path file = out.resolve("audit.log");
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains("\"" + event + "\"")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + event + " in " + file + ": " + (Files.exists(file) ? Files.readString(file) : "none"));
    }

    private static long count(List<String> lines, String event) {
        return lines.stream().filter(l -> l.contains("\"" + event + "\"")).count();
    }

    private static long number(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        assertTrue(m.find(), regex + " in " + s);
        return Long.parseLong(m.group(1));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }
}
