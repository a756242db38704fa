package dev.airlock.examples;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * A blocking TCP server on {@code java.net.ServerSocket}: serves a given number of connections one after
 * the other, answering each line with a random ticket, and logs what it got and from where.
 *
 * <p>Arguments: connections to serve (default 3). Prints {@code listening on PORT} (any free port on
 * 127.0.0.1), then per connection {@code connection <n> from <address>:<port>} and {@code got <line>,
 * answered <ticket>} per line, and {@code served <n>}. A replay runs with no client at all.
 */
public final class LineServer {

    private LineServer() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Random random = new Random();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("listening on " + server.getLocalPort());
            for (int n = 1; n <= connections; n++) {
                try (Socket client = server.accept()) {
                    client.setTcpNoDelay(true);
                    System.out.println("connection " + n + " from " + client.getInetAddress().getHostAddress() + ":"
                        + client.getPort());
                    BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = client.getOutputStream();
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        int ticket = random.nextInt(10_000);
                        out.write(("ticket " + ticket + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        System.out.println("got " + line + ", answered " + ticket);
                    }
                }
            }
            System.out.println("served " + connections);
        }
    }
}
