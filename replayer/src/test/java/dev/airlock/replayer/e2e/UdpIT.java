package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Datagrams: a {@code DatagramSocket} and a {@code DatagramChannel} against a UDP echo server in this
 * JVM whose answers differ every run, and a receive timeout on a port that never answers. The server is
 * closed before the replays, which get every datagram, its sender, and the timeout.
 */
class UdpIT {

    private static final String MAIN = "dev.airlock.examples.UdpClient";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void datagrams_replay_with_the_server_gone(Airlock.Jdk jdk) throws Exception {
        Path journal = tmp.resolve("journal");
        Proc recorded;
        try (Echo echo = new Echo(); DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String[] args = {Integer.toString(echo.socket.getLocalPort()), Integer.toString(silent.getLocalPort())};
            Proc plain1 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, args);
            Proc plain2 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, args);
            assertEquals(0, plain1.exitCode, plain1.toString());
            assertNotEquals(plain1.out(), plain2.out(), "plain runs differ");
            recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, MAIN, args);
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().contains("socket: echo ping "), recorded.out());
        assertTrue(recorded.out().contains("channel: echo channel "), recorded.out());
        assertTrue(recorded.out().contains("silent port: SocketTimeoutException"), recorded.out());

        for (int i = 0; i < 3; i++) {
            Path report = tmp.resolve("report" + i + ".json");
            Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
        }
        Proc reads = Airlock.cli(null, "events", journal.toString(), "--kind", "net.read");
        assertTrue(reads.out().contains("datagram "), reads.out());
    }

    /** Answers every datagram with {@code echo <it> #<random>}. */
    private static final class Echo implements AutoCloseable {
        final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());

        Echo() throws IOException {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[512];
                while (!socket.isClosed()) {
                    try {
                        DatagramPacket p = new DatagramPacket(buf, buf.length);
                        socket.receive(p);
                        byte[] answer = ("echo " + new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8) + " #"
                            + ThreadLocalRandom.current().nextInt(100000)).getBytes(StandardCharsets.UTF_8);
                        socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "udp-echo");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
