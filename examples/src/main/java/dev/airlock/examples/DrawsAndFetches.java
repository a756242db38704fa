package dev.airlock.examples;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A random draw, then a network read, then one line that uses both: the place an analyst puts a
 * breakpoint in the debugging tests. Arguments: host and port of a line echo server. Prints
 * {@code summary: draw <n>, answer <server's line>}.
 */
public final class DrawsAndFetches {

    private DrawsAndFetches() {
    }

    public static void main(String[] args) throws Exception {
        int draw = new Random().nextInt(1000);
        String answer;
        try (Socket socket = new Socket(args[0], Integer.parseInt(args[1]))) {
            socket.getOutputStream().write(("draw " + draw + "\n").getBytes(StandardCharsets.UTF_8));
            answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
        String summary = "draw " + draw + ", answer " + answer; // breakpoint-here
        System.out.println("summary: " + summary);
    }

    /**
     * Not called by the program: what an analyst evaluates at the breakpoint, shaped like the
     * {@code toString()} an IDE calls for its variables view. It reads the clock, draws, hashes and
     * synchronizes, none of which the recording holds for this point.
     */
    static String describe(String answer) {
        synchronized (DrawsAndFetches.class) {
            return answer + " (seen at " + System.currentTimeMillis() + ", ticket " + new Random().nextInt(100)
                + ", hash " + System.identityHashCode(new Object()) + ")";
        }
    }
}
