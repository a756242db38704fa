package dev.airlock.examples;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints stack traces as programs log them: of failed I/O (a file that is not there, three ways; a
 * connection refused by a port on 127.0.0.1 that was just closed, two ways) and of a worker's interrupted
 * {@code sleep} and {@code wait} and its {@code notify} without the monitor. The traces must be the ones a
 * run without Airlock prints, in recording and in replay; the last line (a clock) differs run to run.
 */
public final class PrintsFailures {

    interface Io {
        void run() throws IOException;
    }

    public static void main(String[] args) throws IOException {
        Path missing = Path.of(args.length > 0 ? args[0] : "/nonexistent-airlock-dir").resolve("missing.txt");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        print("stream", () -> new FileInputStream(missing.toFile()).close());
        print("random access", () -> new RandomAccessFile(missing.toFile(), "r").close());
        print("nio", () -> Files.readAllBytes(missing));
        print("socket", () -> new Socket("127.0.0.1", closedPort).close());
        print("url", () -> new URL("http://127.0.0.1:" + closedPort + "/").openStream().close());
        interrupted();
        System.out.println("clock " + System.nanoTime());
    }

    private static volatile boolean waiting;

    private static void interrupted() {
        Object lock = new Object();
        Thread worker = new Thread(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                e.printStackTrace(System.out);
            }
            synchronized (lock) {
                try {
                    waiting = true;
                    lock.wait();
                } catch (InterruptedException e) {
                    e.printStackTrace(System.out);
                }
            }
            try {
                lock.notify();
            } catch (IllegalMonitorStateException e) {
                e.printStackTrace(System.out);
            }
        }, "worker");
        worker.start();
        try {
            // long enough for the worker to be in its sleep (if it is not there yet, the sleep throws at once,
            // with the same trace; polling getState() would not do: docs/threads.md, limits)
            Thread.sleep(300);
            worker.interrupt();
            while (!waiting) {
                Thread.sleep(10);
            }
            synchronized (lock) {
                // taken only once the worker's wait gave it up: the interrupt finds it waiting
            }
            worker.interrupt();
            worker.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void print(String what, Io io) {
        try {
            io.run();
            System.out.println(what + ": no failure");
        } catch (IOException e) {
            System.out.println(what + ":");
            e.printStackTrace(System.out);
        }
    }
}
