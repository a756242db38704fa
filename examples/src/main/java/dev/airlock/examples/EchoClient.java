package dev.airlock.examples;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A raw TCP client: sends three random lines to an echo server and prints its answers, then tries a
 * port nobody listens on (connection refused) and a server that never answers (read timeout).
 *
 * <p>Arguments: host, echo port, a closed port, a silent port. Expected output: {@code sent ... got ...}
 * three times, {@code refused: <exception>}, {@code silent: <exception>}. The server's answers and the
 * lines differ from run to run; a replay needs no server.
 */
public final class EchoClient {

    private EchoClient() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        Random random = new Random();
        try (Socket socket = new Socket(host, Integer.parseInt(args[1]))) {
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 0; i < 3; i++) {
                String line = "hello " + random.nextInt(1000);
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                System.out.println("sent " + line + ", got " + in.readLine());
            }
        }
        try (Socket refused = new Socket()) {
            refused.connect(new InetSocketAddress(host, Integer.parseInt(args[2])), 2000);
            System.out.println("refused: connected?");
        } catch (java.io.IOException e) {
            System.out.println("refused: " + e.getClass().getSimpleName());
        }
        try (Socket silent = new Socket(host, Integer.parseInt(args[3]))) {
            silent.setSoTimeout(300);
            int b = silent.getInputStream().read();
            System.out.println("silent: read " + b);
        } catch (SocketTimeoutException e) {
            System.out.println("silent: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
