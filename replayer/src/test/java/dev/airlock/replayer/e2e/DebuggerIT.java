package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real debugger on a replay: {@code airlock replay --debug PORT} waits for {@code jdb}, which sets a
 * breakpoint on the line after a recorded random draw and a recorded network read, and prints the
 * locals there. They are the values the recorded run printed, in two replays, with the server gone. Then
 * it evaluates a method that reads the clock, draws, hashes and synchronizes, none of it recorded at that
 * point; the replay still matches, because what a debugger evaluates runs outside it.
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
        try (JdbSession jdb = JdbSession.start(jdk, journal, tmp)) {
            jdb.await("Initializing jdb", 30);
            jdb.send("stop at " + MAIN + ":" + line);
            jdb.await("breakpoint " + MAIN + ":" + line, 30);
            jdb.send("cont");
            jdb.await("Breakpoint hit:", 60);
            jdb.send("locals");
            jdb.await("answer = ", 30);
            // As an IDE's variables view does: run a method that reads the clock, draws, hashes and locks.
            jdb.send("print " + MAIN + ".describe(answer)");
            jdb.await(".describe(answer) = ", 30);
            assertEquals(0, jdb.finish(), Files.readString(jdb.replayErr));
            return jdb.output();
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
        return JdbSession.line(SOURCE, "breakpoint-here");
    }
}
