package dev.airlock.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Talks to a line echo server through NIO: a blocking {@code SocketChannel}, one used through its
 * adaptor streams ({@code socket().getInputStream()}), then a non-blocking one
 * driven by a {@code Selector} (connect, write and read readiness), then a refused connection. What it
 * prints depends on the server's answers and the ports the system hands out.
 * Arguments: the echo server's port, a closed port.
 */
public final class NioEchoClient {

    private NioEchoClient() {
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress echo = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        Random random = new Random();

        try (SocketChannel ch = SocketChannel.open(echo)) {
            String line = "hello " + random.nextInt(1000) + "\n";
            ch.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            System.out.println("blocking: sent " + line.trim() + ", got " + readLine(ch) + " from local port "
                + ((InetSocketAddress) ch.getLocalAddress()).getPort());
        }

        try (SocketChannel ch = SocketChannel.open(echo)) {
            // the channel's adaptor streams, as libraries that want a Socket use them
            String line = "adapted " + random.nextInt(1000) + "\n";
            ch.socket().getOutputStream().write(line.getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(ch.socket().getInputStream(),
                StandardCharsets.UTF_8));
            System.out.println("adaptor: sent " + line.trim() + ", got " + in.readLine());
        }

        try (Selector selector = Selector.open(); SocketChannel ch = SocketChannel.open()) {
            ch.configureBlocking(false);
            boolean now = ch.connect(echo);
            ch.register(selector, now ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT);
            String line = "selected " + random.nextInt(1000) + "\n";
            ByteBuffer out = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            ByteBuffer in = ByteBuffer.allocate(256);
            StringBuilder got = new StringBuilder();
            int selects = 0;
            while (got.indexOf("\n") < 0 && selects < 100) {
                selector.select(2000);
                selects++;
                for (SelectionKey key : selector.selectedKeys()) {
                    if (key.isConnectable() && ch.finishConnect()) {
                        key.interestOps(SelectionKey.OP_WRITE);
                    } else if (key.isWritable()) {
                        ch.write(out);
                        if (!out.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        int n = ch.read(in);
                        if (n < 0) {
                            break;
                        }
                        got.append(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
                        in.clear();
                    }
                }
                selector.selectedKeys().clear();
            }
            System.out.println("selector: sent " + line.trim() + ", got " + got.toString().trim());
        }

        try (SocketChannel ch = SocketChannel.open()) {
            ch.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])));
            System.out.println("closed port: connected?!");
        } catch (ConnectException e) {
            System.out.println("closed port: ConnectException");
        }
    }

    private static String readLine(SocketChannel ch) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(256);
        StringBuilder got = new StringBuilder();
        while (got.indexOf("\n") < 0) {
            in.clear();
            if (ch.read(in) < 0) {
                break;
            }
            got.append(new String(in.array(), 0, in.position(), StandardCharsets.UTF_8));
        }
        return got.toString().trim();
    }
}
