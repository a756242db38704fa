package dev.airlock.examples;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Talks UDP to an echo server: a {@code DatagramSocket} with a receive timeout, a
 * {@code DatagramChannel}, and a wait on a port that never answers. What it prints depends on the
 * server's answers and the port the system hands out. Arguments: the echo server's port, a silent port.
 */
public final class UdpClient {

    private UdpClient() {
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress echo = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        Random random = new Random();

        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(5000);
            byte[] ping = ("ping " + random.nextInt(1000)).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(ping, ping.length, echo));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            socket.receive(reply);
            System.out.println("socket: " + new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)
                + " from port " + reply.getPort() + " to local port " + socket.getLocalPort());
        }

        try (DatagramChannel channel = DatagramChannel.open()) {
            ByteBuffer out = ByteBuffer.wrap(("channel " + random.nextInt(1000)).getBytes(StandardCharsets.UTF_8));
            channel.send(out, echo);
            ByteBuffer in = ByteBuffer.allocate(512);
            InetSocketAddress from = (InetSocketAddress) channel.receive(in);
            System.out.println("channel: " + new String(in.array(), 0, in.position(), StandardCharsets.UTF_8)
                + " from port " + from.getPort());
        }

        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(300);
            byte[] ping = "anyone?".getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(ping, ping.length, new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1]))));
            socket.receive(new DatagramPacket(new byte[64], 64));
            System.out.println("silent port: answered?!");
        } catch (SocketTimeoutException e) {
            System.out.println("silent port: SocketTimeoutException");
        }
    }
}
