package dev.airlock.examples;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Asynchronous socket channels: a server and a client in this JVM on 127.0.0.1; the server sends a
 * line with the time, the client prints it. The JDK serves both from threads of its own that wait in
 * {@code epoll_wait}.
 */
public final class AsyncEcho {

    public static void main(String[] args) throws Exception {
        try (AsynchronousServerSocketChannel server = AsynchronousServerSocketChannel.open()
            .bind(new InetSocketAddress("127.0.0.1", 0));
             AsynchronousSocketChannel client = AsynchronousSocketChannel.open()) {
            Future<AsynchronousSocketChannel> accepted = server.accept();
            client.connect(server.getLocalAddress()).get(10, TimeUnit.SECONDS);
            try (AsynchronousSocketChannel peer = accepted.get(10, TimeUnit.SECONDS)) {
                byte[] line = ("served at " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
                peer.write(ByteBuffer.wrap(line)).get(10, TimeUnit.SECONDS);
                ByteBuffer in = ByteBuffer.allocate(64);
                int n = client.read(in).get(10, TimeUnit.SECONDS);
                System.out.println("client read " + new String(in.array(), 0, Math.max(n, 0), StandardCharsets.UTF_8));
            }
        }
    }
}
