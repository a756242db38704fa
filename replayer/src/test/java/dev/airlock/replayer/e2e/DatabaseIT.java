package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JDBC driver with no special case: the example queries an H2 server over TCP, the server running as
 * its own process as in production. The server is stopped before the replays, which print the same
 * rows, ids and server time from the journal.
 */
class DatabaseIT {

    private static final String MAIN = "dev.airlock.examples.QueriesDatabase";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void jdbc_over_tcp_replays_with_the_database_gone(Airlock.Jdk jdk) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:shop";
        Path journal = tmp.resolve("journal");
        Proc recorded;
        Process server = new ProcessBuilder(jdk.java(), "-cp", Airlock.EXAMPLES_CP, "org.h2.tools.Server", "-tcp",
            "-tcpPort", Integer.toString(port), "-ifNotExists").redirectErrorStream(true)
            .redirectOutput(tmp.resolve("h2.out").toFile()).start();
        try {
            awaitPort(port);
            Proc plain1 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, url);
            Proc plain2 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, url);
            assertEquals(0, plain1.exitCode, plain1.toString());
            assertNotEquals(plain1.out(), plain2.out(), "plain runs differ");
            recorded = Airlock.record(jdk, journal, List.of(), Airlock.EXAMPLES_CP, MAIN, url);
        } finally {
            server.destroyForcibly().waitFor();
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().contains("server time "), recorded.out());
        for (int i = 0; i < 3; i++) {
            Path report = tmp.resolve("report" + i + ".json");
            Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the H2 server did not start on port " + port);
    }
}
