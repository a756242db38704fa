package dev.airlock.replayer.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code airlock replay ... --debug PORT} with a real {@code jdb} attached once the replay JVM listens:
 * commands go to jdb's stdin, its output is collected, and the test waits for text in it.
 */
final class JdbSession implements AutoCloseable {

    final Process replay;
    final Path replayErr;
    private final Process jdb;
    private final StringBuilder seen = new StringBuilder();
    private final Writer in;

    private JdbSession(Process replay, Path replayErr, Process jdb) {
        this.replay = replay;
        this.replayErr = replayErr;
        this.jdb = jdb;
        this.in = new OutputStreamWriter(jdb.getOutputStream(), StandardCharsets.UTF_8);
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(jdb.getInputStream(), StandardCharsets.UTF_8))) {
                int c;
                while ((c = r.read()) >= 0) {
                    synchronized (seen) {
                        seen.append((char) c);
                    }
                }
            } catch (IOException ignored) {
                // ended
            }
        }, "jdb-output");
        t.setDaemon(true);
        t.start();
    }

    /** Starts the replay with {@code extra} options and a free debug port, and attaches jdb when it listens. */
    static JdbSession start(Airlock.Jdk jdk, Path journal, Path dir, String... extra) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar", Airlock.CLI.toString(), "replay", journal.toString(), "--java", jdk.java(), "--debug",
            Integer.toString(port)));
        cmd.addAll(List.of(extra));
        Path err = dir.resolve("replay-" + port + ".err");
        Process replay = new ProcessBuilder(cmd).redirectOutput(dir.resolve("replay-" + port + ".out").toFile())
            .redirectError(err.toFile()).start();
        awaitListening(port, replay);
        Process jdb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jdb").toString(), "-attach",
            "127.0.0.1:" + port).redirectErrorStream(true).start();
        return new JdbSession(replay, err, jdb);
    }

    void send(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
    }

    void await(String text, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            synchronized (seen) {
                if (seen.indexOf(text) >= 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("jdb never printed '" + text + "':\n" + output());
    }

    String output() {
        synchronized (seen) {
            return seen.toString();
        }
    }

    /** Lets the replay run to its end; returns its exit code. */
    int finish() throws Exception {
        send("cont");
        if (!replay.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the replay did not end after the debugger let it go:\n" + output());
        }
        send("quit");
        jdb.waitFor(30, TimeUnit.SECONDS);
        return replay.exitValue();
    }

    @Override
    public void close() {
        replay.destroyForcibly();
        jdb.destroyForcibly();
    }

    /** The line of {@code source} carrying {@code // marker}. */
    static int line(Path source, String marker) throws IOException {
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker + " in " + source);
    }

    private static void awaitListening(int port, Process replay) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String hex = String.format(":%04X ", port);
        while (System.nanoTime() < deadline && replay.isAlive()) {
            // JDWP's listening socket shows in /proc; probing it with a connect would take the debugger's place.
            for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
                for (String row : Files.readAllLines(Path.of(table))) {
                    String[] f = row.trim().split("\\s+");
                    if (f.length > 3 && (f[1] + " ").endsWith(hex) && f[3].equals("0A")) {
                        return;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the replay JVM never listened on " + port + " (alive: " + replay.isAlive() + ")");
    }
}
