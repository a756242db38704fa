package dev.airlock.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * An HTTP service on the JDK's {@code com.sun.net.httpserver} (an NIO selector inside), with its default
 * executor, so its dispatcher thread accepts, reads, answers and logs every request. Each answer
 * carries a random ticket and a checksum of the request body. It serves {@code args[0]} requests on a
 * free port on 127.0.0.1, then stops.
 */
public final class NioHttpService {

    private NioHttpService() {
    }

    public static void main(String[] args) throws Exception {
        int expected = Integer.parseInt(args[0]);
        CountDownLatch done = new CountDownLatch(expected);
        AtomicInteger served = new AtomicInteger();
        Random random = new Random();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/echo", exchange -> {
            try {
                answer(exchange, served.incrementAndGet(), random.nextInt(1_000_000));
            } finally {
                done.countDown();
            }
        });
        server.start();
        System.out.println("listening on " + server.getAddress().getPort());
        done.await();
        server.stop(0);
        System.out.println("served " + served.get() + " requests");
    }

    private static void answer(HttpExchange exchange, int n, int ticket) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        CRC32 crc = new CRC32();
        crc.update(body);
        String reply = "ticket " + ticket + " for " + body.length + " bytes, crc " + Long.toHexString(crc.getValue()) + "\n";
        System.out.println("request " + n + ": " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " -> "
            + reply.trim());
        byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
