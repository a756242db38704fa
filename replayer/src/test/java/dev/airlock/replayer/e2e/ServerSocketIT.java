package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A blocking TCP server on {@code java.net.ServerSocket}, recorded while clients in this JVM send it
 * random lines, replays alone: no client, no port bound, the same connections from the same client
 * ports, the same lines and the same answers.
 */
class ServerSocketIT {

    private static final String MAIN = "dev.airlock.examples.LineServer";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void a_server_replays_without_its_clients(Airlock.Jdk jdk) throws Exception {
        String plain1 = serve(jdk, null);
        String plain2 = serve(jdk, null);
        assertNotEquals(plain1, plain2, "plain runs differ (ports, lines, tickets)");
        Path journal = tmp.resolve("journal");
        String recorded = serve(jdk, journal);
        assertTrue(recorded.contains("connection 3 from 127.0.0.1:"), recorded);
        assertTrue(recorded.contains("served 3"), recorded);
        for (int i = 0; i < 3; i++) {
            Path report = tmp.resolve("report" + i + ".json");
            Proc replayed = Airlock.replay(jdk, journal, report);
            assertEquals(0, replayed.exitCode, replayed.toString());
            assertEquals(recorded, replayed.out(), "replay " + i);
            assertTrue(Airlock.read(report).contains("\"matched\": true"), Airlock.read(report));
        }
    }

    /** Runs the server (recording into {@code journal} unless null) and three clients; returns its stdout. */
    private String serve(Airlock.Jdk jdk, Path journal) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(jdk.java()));
        cmd.addAll(jdk.baseFlags());
        if (journal != null) {
            cmd.add("-javaagent:" + Airlock.RECORDER + "=journal=" + journal);
        }
        cmd.addAll(List.of("-cp", Airlock.EXAMPLES_CP, MAIN, "3"));
        Path out = Files.createTempFile(tmp, "server", ".out");
        Process server = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        try {
            int port = port(out);
            for (int c = 0; c < 3; c++) {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    OutputStream o = s.getOutputStream();
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    for (int line = 0; line < 2; line++) {
                        o.write(("payload-" + ThreadLocalRandom.current().nextInt(1_000_000) + "\n").getBytes(StandardCharsets.UTF_8));
                        o.flush();
                        assertTrue(in.readLine().startsWith("ticket "));
                    }
                }
            }
            assertTrue(server.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, server.exitValue());
        } finally {
            server.destroyForcibly();
        }
        return Files.readString(out);
    }

    private static int port(Path out) throws Exception {
        Pattern listening = Pattern.compile("listening on (\\d+)");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Matcher m = listening.matcher(Files.readString(out));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start");
    }
}
