package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The I/O issue's client app: a config file, a directory listing, {@code HttpClient} and
 * {@code HttpURLConnection} against a local HTTP server, raw TCP to an echo server, and SQL to an H2
 * server running as its own process. Recorded with {@code threads=serial} ({@code HttpClient} works on
 * threads of its own); then every server is stopped and the files deleted, and three replays print the
 * same, while listeners on the servers' old ports see no connection at all.
 */
class ClientAppIT {

    private static final String MAIN = "dev.airlock.examples.ClientApp";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.airlock.replayer.e2e.Airlock#jdks")
    void the_client_replays_with_every_server_and_file_gone(Airlock.Jdk jdk) throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("inbox"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(inbox.resolve("letter-" + ThreadLocalRandom.current().nextInt(100000) + ".txt"), "hi");
        }
        Path config = tmp.resolve("client.properties");
        Path journal = tmp.resolve("journal");
        int h2Port = freePort();
        int httpPort;
        int echoPort;
        Proc recorded;
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.createContext("/", exchange -> {
            byte[] body = ("you asked for " + exchange.getRequestURI().getPath() + " #"
                + ThreadLocalRandom.current().nextInt(100000)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
        httpPort = http.getAddress().getPort();
        Process h2 = new ProcessBuilder(jdk.java(), "-cp", Airlock.EXAMPLES_CP, "org.h2.tools.Server", "-tcp",
            "-tcpPort", Integer.toString(h2Port), "-ifNotExists").redirectErrorStream(true)
            .redirectOutput(tmp.resolve("h2.out").toFile()).start();
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            echoPort = echo.getLocalPort();
            Thread answering = new Thread(() -> echo(echo), "echo");
            answering.setDaemon(true);
            answering.start();
            Files.writeString(config, "name=client-" + ThreadLocalRandom.current().nextInt(1000) + "\n"
                + "inbox=" + inbox + "\n"
                + "http=http://127.0.0.1:" + httpPort + "\n"
                + "echo=127.0.0.1:" + echoPort + "\n"
                + "jdbc=jdbc:h2:tcp://127.0.0.1:" + h2Port + "/mem:client\n");
            awaitPort(h2Port);
            Proc plain1 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, config.toString());
            Proc plain2 = Airlock.plain(jdk, Airlock.EXAMPLES_CP, MAIN, config.toString());
            assertEquals(0, plain1.exitCode, plain1.toString());
            assertNotEquals(plain1.out(), plain2.out(), "plain runs differ");
            List<String> cmd = new ArrayList<>(List.of(jdk.java()));
            cmd.addAll(jdk.baseFlags());
            cmd.add("-javaagent:" + Airlock.RECORDER + "=journal=" + journal + ",threads=serial");
            cmd.addAll(List.of("-cp", Airlock.EXAMPLES_CP, MAIN, config.toString()));
            recorded = Proc.run(cmd, null, null);
        } finally {
            http.stop(0);
            h2.destroyForcibly().waitFor();
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        for (String expected : List.of("config: client-", "inbox: letter-", "HttpClient 200: you asked for /client/1",
            "HttpURLConnection 200: you asked for /url", "echo: echo hello over tcp #", "database: ")) {
            assertTrue(recorded.out().contains(expected), expected + " in\n" + recorded.out());
        }

        Files.delete(config);
        try (Stream<Path> files = Files.list(inbox)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        Files.delete(inbox);
        List<Listener> oldPorts = new ArrayList<>();
        for (int port : new int[] {httpPort, echoPort, h2Port}) {
            oldPorts.add(new Listener(port));
        }
        try {
            for (int i = 0; i < 3; i++) {
                Path report = tmp.resolve("report" + i + ".json");
                Airlock.assertMatched(recorded, Airlock.replay(jdk, journal, report), report);
            }
        } finally {
            for (Listener l : oldPorts) {
                l.close();
            }
        }
        for (Listener l : oldPorts) {
            assertEquals(0, l.accepted.get(), "connections to port " + l.socket.getLocalPort() + " during replay");
        }
        assertTrue(!Files.exists(config) && !Files.exists(inbox), "replays wrote no files");
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    private static void echo(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket c = server.accept()) {
                String line = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8)).readLine();
                c.getOutputStream().write(("echo " + line + " #" + ThreadLocalRandom.current().nextInt(100000) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            } catch (IOException closed) {
                // the test is over
            }
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the H2 server did not start on port " + port);
    }

    /** Listens on a stopped server's port and counts who connects. */
    private static final class Listener implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger accepted = new AtomicInteger();

        Listener(int port) throws IOException {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            Thread t = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket ignored = socket.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        // the test is over
                    }
                }
            }, "listener-" + port);
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
