package dev.airlock.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Starts child processes and prints what it learns from them: {@code date} (different every run), a
 * directory listing, a shell command that fails with output on stderr (read by a second thread),
 * {@code cat} fed through its stdin, a command that does not exist, and {@code touch} of a marker file,
 * which shows whether a child really ran.
 *
 * <p>Arguments: a directory to list, and the marker file to touch. Expected output: one line per child.
 * Plain runs differ (the date's nanoseconds); a replay prints the recorded lines and starts no child.
 */
public final class SpawnsProcesses {

    private SpawnsProcesses() {
    }

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : ".";
        String marker = args.length > 1 ? args[1] : "airlock-marker";

        Process date = new ProcessBuilder("date", "+%s.%N").start();
        String stamp = new String(date.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        System.out.println("date: " + stamp + " (exit " + date.waitFor() + ")");

        Process ls = Runtime.getRuntime().exec(new String[] {"ls", "-1", dir});
        StringBuilder listing = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(ls.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                listing.append(listing.length() == 0 ? "" : ", ").append(line);
            }
        }
        System.out.println("ls: " + listing + " (exit " + ls.waitFor() + ")");

        Process failing = new ProcessBuilder("sh", "-c", "echo to-stdout; echo oops >&2; exit 3").start();
        StringBuilder errors = new StringBuilder();
        Thread drain = new Thread(() -> {
            try {
                errors.append(new String(failing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                errors.append(e);
            }
        }, "stderr-drain");
        drain.start();
        String out = new String(failing.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        boolean ended = failing.waitFor(30, TimeUnit.SECONDS);
        drain.join();
        System.out.println("sh: stdout '" + out + "', stderr '" + errors + "', ended " + ended + ", exit " + failing.exitValue());

        Process cat = new ProcessBuilder("cat").start();
        try (OutputStream in = cat.getOutputStream()) {
            in.write(("fed at " + System.nanoTime() % 1000 + "\n").getBytes(StandardCharsets.UTF_8));
        }
        System.out.println("cat: " + new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim()
            + " (exit " + cat.waitFor() + ")");

        try {
            new ProcessBuilder("no-such-command-airlock").start();
            System.out.println("missing: started?");
        } catch (IOException e) {
            System.out.println("missing: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        Process touch = new ProcessBuilder("touch", marker).start();
        System.out.println("touch: exit " + touch.waitFor() + ", alive " + touch.isAlive());
    }
}
