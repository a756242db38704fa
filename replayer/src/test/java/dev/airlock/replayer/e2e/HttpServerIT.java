package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server app: an HTTP service on the JDK's {@code com.sun.net.httpserver} (an NIO selector inside)
 * serves concurrent requests with random payloads from a separate client process. The service alone is
 * replayed, with no client: it logs and answers the same requests the same way (its answers are
 * compared by CRC as it writes them, its log by the replay's stdout).
 */
class HttpServerIT {

    private static final int REQUESTS = 16;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void the_service_replays_its_requests_with_no_client(Airlock.Jdk jdk) throws Exception {
        String plain1 = serve(jdk, tmp.resolve("plain1"), null);
        String plain2 = serve(jdk, tmp.resolve("plain2"), null);
        assertNotEquals(plain1, plain2, "plain runs differ");

        Path journal = tmp.resolve("journal");
        String recorded = serve(jdk, tmp.resolve("recorded"), journal);
        assertTrue(recorded.contains("served " + REQUESTS + " requests"), recorded);
        assertEquals(REQUESTS, recorded.lines().filter(l -> l.startsWith("request ")).count(), recorded);

        for (int i = 0; i < 3; i++) {
            Path report = tmp.resolve("report" + i + ".json");
            Proc replay = Airlock.replay(jdk, journal, report);
            Airlock.assertMatched(Proc.ended(List.of("recorded service"), 0, recorded, ""), replay, report);
            assertEquals(recorded, replay.out());
        }
        Proc accepts = Airlock.cli(null, "events", journal.toString(), "--kind", "net.channel");
        assertTrue(accepts.out().contains("accept 127.0.0.1 "), accepts.out());
    }

    /** Runs the service (recording when {@code journal} is given) under a client process; its stdout. */
    private static String serve(Airlock.Jdk jdk, Path dir, Path journal) throws Exception {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(jdk.java()));
        cmd.addAll(jdk.baseFlags());
        if (journal != null) {
            // The default thread mode, serial: stop() blocks in the JDK, where the recorder ends its turn
            // for it, and the replay must end it at the same place (docs/threads.md, "revoked").
            cmd.add("-javaagent:" + Airlock.RECORDER + "=journal=" + journal);
        }
        cmd.addAll(List.of("-cp", Airlock.EXAMPLES_CP, "dev.airlock.examples.NioHttpService", Integer.toString(REQUESTS)));
        Path out = dir.resolve("service.out");
        Process service = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve("service.err").toFile())
            .start();
        try {
            int port = port(service, out);
            Proc client = Airlock.plain(jdk, Airlock.EXAMPLES_CP, "dev.airlock.examples.HttpLoad", Integer.toString(port),
                Integer.toString(REQUESTS));
            assertEquals("answered " + REQUESTS + " of " + REQUESTS, client.out().trim(), client.toString());
            assertTrue(service.waitFor(60, TimeUnit.SECONDS), "the service stops after its requests");
            assertEquals(0, service.exitValue(), Files.readString(dir.resolve("service.err")));
            return Files.readString(out);
        } finally {
            service.destroyForcibly();
        }
    }

    private static int port(Process service, Path out) throws Exception {
        Pattern listening = Pattern.compile("listening on (\\d+)");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && service.isAlive()) {
            Matcher m = listening.matcher(Files.exists(out) ? Files.readString(out) : "");
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the service did not start");
    }
}
