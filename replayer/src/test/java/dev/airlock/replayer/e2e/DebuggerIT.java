package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real debugger on a replay: {@code airlock replay --debug PORT} waits for {@code jdb}, which sets a
 * breakpoint on the line after a recorded random draw and a recorded network read, and prints the
 * locals there. They are the values the recorded run printed, in two replays, with the server gone.
 */
class DebuggerIT {

    private static final String MAIN = "dev.airlock.examples.DrawsAndFetches";
    private static final Path SOURCE = Airlock.ROOT.resolve("examples/src/main/java/dev/airlock/examples/DrawsAndFetches.java");

    @TempDir
    Path tmp;

    @Test
    void jdb_sees_the_recorded_values_at_a_breakpoint() throws Exception {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        Path journal = tmp.resolve("journal");
        Proc recorded;
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> answer(server), "answering");
            answering.setDaemon(true);
            answering.start();
            recorded = Airlock.record(jdk, journal, Airlock.EXAMPLES_CP, MAIN, "127.0.0.1",
                Integer.toString(server.getLocalPort()));
        }
        assertEquals(0, recorded.exitCode, recorded.toString());
        Matcher printed = Pattern.compile("summary: draw (\\d+), answer (.*)").matcher(recorded.out());
        assertTrue(printed.find(), recorded.out());
        int line = breakpointLine();
        for (int replay = 0; replay < 2; replay++) {
            String locals = debug(jdk, journal, line);
            assertTrue(locals.contains("draw = " + printed.group(1)), locals);
            assertTrue(locals.contains("answer = \"" + printed.group(2).trim() + "\""), locals);
        }
    }

    /** Replays under jdb with a breakpoint at {@code line}; returns what jdb printed. */
    private String debug(Airlock.Jdk jdk, Path journal, int line) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar", Airlock.CLI.toString(), "replay", journal.toString(), "--java", jdk.java(), "--debug",
            Integer.toString(port)));
        Path replayOut = tmp.resolve("replay-" + port + ".out");
        Process replay = new ProcessBuilder(cmd).redirectOutput(replayOut.toFile())
            .redirectError(tmp.resolve("replay-" + port + ".err").toFile()).start();
        Process jdb = null;
        try {
            awaitListening(port);
            jdb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jdb").toString(), "-attach",
                "127.0.0.1:" + port).redirectErrorStream(true).start();
            StringBuilder seen = new StringBuilder();
            Thread reader = pump(jdb, seen);
            Writer in = new java.io.OutputStreamWriter(jdb.getOutputStream(), StandardCharsets.UTF_8);
            awaitText(seen, "Initializing jdb", 30);
            send(in, "stop at " + MAIN + ":" + line);
            awaitText(seen, "breakpoint " + MAIN + ":" + line, 30);
            send(in, "cont");
            awaitText(seen, "Breakpoint hit:", 60);
            send(in, "locals");
            awaitText(seen, "answer = ", 30);
            send(in, "cont");
            assertTrue(replay.waitFor(60, TimeUnit.SECONDS), "the replay ends once the debugger lets it go");
            send(in, "quit");
            jdb.waitFor(30, TimeUnit.SECONDS);
            reader.join(5000);
            assertEquals(0, replay.exitValue(), Files.readString(tmp.resolve("replay-" + port + ".err")));
            return seen.toString();
        } finally {
            replay.destroyForcibly();
            if (jdb != null) {
                jdb.destroyForcibly();
            }
        }
    }

    private static void answer(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket c = server.accept()) {
                String line = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8)).readLine();
                OutputStream out = c.getOutputStream();
                out.write(("seen " + line + " #" + ThreadLocalRandom.current().nextInt(100000) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    private static int breakpointLine() throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// breakpoint-here")) {
                return i + 1;
            }
        }
        throw new AssertionError("no breakpoint marker in " + SOURCE);
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            // JDWP's listening socket shows in /proc; probing it with a connect would take the debugger's place.
            try {
                String hex = String.format(":%04X ", port);
                for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
                    for (String row : Files.readAllLines(Path.of(table))) {
                        String[] f = row.trim().split("\\s+");
                        if (f.length > 3 && (f[1] + " ").endsWith(hex) && f[3].equals("0A")) {
                            return;
                        }
                    }
                }
            } catch (IOException ignored) {
                // try again
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the replay JVM never listened on " + port);
    }

    private static Thread pump(Process p, StringBuilder into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                int c;
                while ((c = r.read()) >= 0) {
                    synchronized (into) {
                        into.append((char) c);
                    }
                }
            } catch (IOException ignored) {
                // ended
            }
        }, "jdb-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitText(StringBuilder seen, String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (seen) {
                if (seen.indexOf(text) >= 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        synchronized (seen) {
            throw new AssertionError("jdb never printed '" + text + "':\n" + seen);
        }
    }

    private static void send(Writer in, String command) throws IOException {
        in.write(command + "\n");
        in.flush();
    }
}
