package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Raw TCP through {@code java.net.Socket}: an echo server whose answers differ every run, a refused
 * connection and a read timeout, all on 127.0.0.1 in this JVM. The servers are closed before the
 * replays, which still get every recorded answer and failure: a replay connects nowhere.
 */
class SocketIT {

    private static final String MAIN = "dev.airlock.examples.EchoClient";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void socket_conversations_replay_with_the_servers_gone(Airlock.Jdk jdk) throws Exception {
        Path journal = tmp.resolve("journal");
        Proc recorded;
        String[] args;
        try (Servers servers = new Servers()) {
            args = servers.args();
            Proc plain1 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, args);
            Proc plain2 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, args);
            assertEquals(0, plain1.exitCode, plain1.toString());
            assertNotEquals(plain1.out(), plain2.out(), "plain runs differ");
            recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, MAIN, args);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().contains(", got echo hello "), recorded.out());
        assertTrue(recorded.out().contains("refused: ConnectException"), recorded.out());
        assertTrue(recorded.out().contains("silent: SocketTimeoutException"), recorded.out());

        for (int i = 0; i < 3; i++) {
            Path report = tmp.resolve("report" + i + ".json");
            Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
        }
        Proc events = Airlock.cli(null, "events", journal.toString(), "--kind", "net.connect");
        assertTrue(events.out().contains("failed: java.net.ConnectException"), events.out());
    }

    /** An echo server that signs its answers with a random number, a closed port and a silent server. */
    static final class Servers implements AutoCloseable {
        private final ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final int closedPort;
        private final List<Socket> held = new ArrayList<>();

        Servers() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            Thread echoing = new Thread(() -> {
                while (!echo.isClosed()) {
                    try (Socket c = echo.accept()) {
                        BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
                        OutputStream out = c.getOutputStream();
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            out.write(("echo " + line + " #" + ThreadLocalRandom.current().nextInt(100000) + "\n")
                                .getBytes(StandardCharsets.UTF_8));
                            out.flush();
                        }
                    } catch (IOException ignored) {
                        // closed
                    }
                }
            }, "echo-server");
            echoing.setDaemon(true);
            echoing.start();
            Thread holding = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException ignored) {
                        // closed
                    }
                }
            }, "silent-server");
            holding.setDaemon(true);
            holding.start();
        }

        String[] args() {
            return new String[] {"127.0.0.1", Integer.toString(echo.getLocalPort()), Integer.toString(closedPort),
                Integer.toString(silent.getLocalPort())};
        }

        @Override
        public void close() throws IOException {
            echo.close();
            silent.close();
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
