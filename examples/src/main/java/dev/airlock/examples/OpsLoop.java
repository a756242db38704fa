package dev.airlock.examples;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Repeats one captured operation {@code n} times and prints a checksum, for timing whole JVMs plain,
 * recorded and replayed ({@code scripts/replay-overhead.sh}): the time per operation is the difference
 * between a run of {@code n} and a run of none, divided by {@code n}. Arguments: the operation
 * ({@code nanoTime}, {@code currentTimeMillis}, {@code instant}, {@code random}, {@code uuid},
 * {@code getenv}, {@code fileRead} (4 KiB), {@code socketRead} (4 KiB over loopback), {@code monitor},
 * {@code reentrantLock}, {@code atomic}, {@code threadStartJoin}) and {@code n}.
 */
public final class OpsLoop {

    private static final Object LOCK = new Object();

    private OpsLoop() {
    }

    public static void main(String[] args) throws Exception {
        String op = args[0];
        int n = Integer.parseInt(args[1]);
        long sum = 0;
        switch (op) {
            case "nanoTime" -> {
                for (int i = 0; i < n; i++) {
                    sum += System.nanoTime();
                }
            }
            case "currentTimeMillis" -> {
                for (int i = 0; i < n; i++) {
                    sum += System.currentTimeMillis();
                }
            }
            case "instant" -> {
                for (int i = 0; i < n; i++) {
                    sum += Instant.now().getNano();
                }
            }
            case "random" -> {
                Random random = new Random();
                for (int i = 0; i < n; i++) {
                    sum += random.nextInt();
                }
            }
            case "uuid" -> {
                for (int i = 0; i < n; i++) {
                    sum += UUID.randomUUID().getLeastSignificantBits();
                }
            }
            case "getenv" -> {
                for (int i = 0; i < n; i++) {
                    String home = System.getenv("HOME");
                    sum += home == null ? 0 : home.length();
                }
            }
            case "fileRead" -> sum = fileReads(n);
            case "socketRead" -> sum = socketReads(n);
            case "monitor" -> {
                for (int i = 0; i < n; i++) {
                    synchronized (LOCK) {
                        sum++;
                    }
                }
            }
            case "reentrantLock" -> {
                ReentrantLock lock = new ReentrantLock();
                for (int i = 0; i < n; i++) {
                    lock.lock();
                    try {
                        sum++;
                    } finally {
                        lock.unlock();
                    }
                }
            }
            case "atomic" -> {
                AtomicLong counter = new AtomicLong();
                for (int i = 0; i < n; i++) {
                    sum += counter.incrementAndGet();
                }
            }
            case "threadStartJoin" -> {
                for (int i = 0; i < n; i++) {
                    Thread t = new Thread(() -> { });
                    t.start();
                    t.join();
                    sum++;
                }
            }
            default -> throw new IllegalArgumentException("no operation " + op);
        }
        System.out.println(op + " x " + n + ": " + (sum & 0xFFFF));
    }

    private static long fileReads(int n) throws Exception {
        Path file = Files.createTempFile("opsloop", ".bin");
        Files.write(file, new byte[4096]);
        long sum = 0;
        byte[] buffer = new byte[4096];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            for (int i = 0; i < n; i++) {
                raf.seek(0);
                sum += raf.read(buffer);
            }
        } finally {
            Files.delete(file);
        }
        return sum;
    }

    private static long socketReads(int n) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                    byte[] block = new byte[4096];
                    for (int i = 0; i < n; i++) {
                        if (in.read() < 0) {
                            return;
                        }
                        out.write(block);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "peer");
            peer.start();
            long sum = 0;
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                 InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                byte[] buffer = new byte[4096];
                for (int i = 0; i < n; i++) {
                    out.write(1);
                    for (int got = 0; got < 4096; ) {
                        got += in.read(buffer, got, 4096 - got);
                    }
                    sum += buffer[0] + 1;
                }
            }
            peer.join();
            return sum;
        }
    }
}
