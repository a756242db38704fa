package dev.airlock.replayer.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * {@code airlock replay --debug PORT}: listens on 127.0.0.1:PORT for the analyst's debugger and relays its
 * JDWP connection to the replay JVM's own debug agent, which listens on another loopback port. One
 * debugger at a time, as JDWP itself allows; when it detaches, the next one may attach. The packets pass
 * unchanged; the relay only adds the commands of an {@link EvaluationFence}, so that what the debugger
 * evaluates stays out of the replay.
 */
final class JdwpRelay implements AutoCloseable {

    private static final int HANDSHAKE_LENGTH = "JDWP-Handshake".length();
    private static final long CONNECT_RETRY_MILLIS = 100;

    private final ServerSocket listener;
    private final int vmPort;
    private final PrintWriter err;
    private volatile boolean closed;

    private JdwpRelay(ServerSocket listener, int vmPort, PrintWriter err) {
        this.listener = listener;
        this.vmPort = vmPort;
        this.err = err;
    }

    /** Listens on 127.0.0.1:{@code port} at once, so a port in use is known before the replay starts. */
    static JdwpRelay listen(int port, PrintWriter err) throws IOException {
        ServerSocket s = new ServerSocket();
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            int vmPort;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                vmPort = free.getLocalPort();
            }
            return new JdwpRelay(s, vmPort, err);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** The loopback port the replay JVM's debug agent is to listen on. */
    int vmPort() {
        return vmPort;
    }

    /** Relays debuggers to {@code child} until it ends or the relay is closed. */
    void start(Process child) {
        Thread t = new Thread(() -> acceptWhile(child), "airlock-jdwp-relay");
        t.setDaemon(true);
        t.start();
    }

    private void acceptWhile(Process child) {
        while (!closed && child.isAlive()) {
            try (Socket debugger = listener.accept()) {
                relay(debugger, child);
            } catch (IOException e) {
                if (!closed && child.isAlive()) {
                    note("the debugger connection ended: " + e.getMessage());
                }
            }
        }
    }

    private void relay(Socket debugger, Process child) throws IOException {
        try (Socket vm = connect(child)) {
            if (vm == null) {
                return;
            }
            debugger.setTcpNoDelay(true);
            vm.setTcpNoDelay(true);
            DataInputStream fromDebugger = new DataInputStream(new BufferedInputStream(debugger.getInputStream()));
            DataInputStream fromVm = new DataInputStream(new BufferedInputStream(vm.getInputStream()));
            OutputStream toVm = new BufferedOutputStream(vm.getOutputStream());
            OutputStream toDebugger = new BufferedOutputStream(debugger.getOutputStream());
            // The debugger greets first and the JVM answers in kind.
            pass(fromDebugger, toVm, HANDSHAKE_LENGTH);
            pass(fromVm, toDebugger, HANDSHAKE_LENGTH);
            EvaluationFence.Sender sender = packet -> {
                synchronized (toVm) {
                    toVm.write(packet);
                    toVm.flush();
                }
            };
            EvaluationFence fence = new EvaluationFence(sender);
            Thread back = new Thread(() -> fromVm(fromVm, toDebugger, fence, debugger), "airlock-jdwp-from-vm");
            back.setDaemon(true);
            back.start();
            byte[] p;
            while ((p = JdwpPackets.read(fromDebugger)) != null) {
                if (!JdwpPackets.isReply(p)) {
                    String note = fence.beforeCommand(p);
                    if (note != null) {
                        note(note);
                    }
                }
                sender.send(p);
            }
            if (fence.evaluating()) {
                // Only the invocation's return could end it, and nobody hears that any more.
                note("warning: the debugger left while the replay JVM ran an evaluation for it; that thread stays "
                    + "outside the replay, which will therefore not match");
            }
        }
    }

    private void fromVm(DataInputStream fromVm, OutputStream toDebugger, EvaluationFence fence, Socket debugger) {
        try {
            byte[] p;
            while ((p = JdwpPackets.read(fromVm)) != null) {
                if (JdwpPackets.isReply(p) && fence.onReply(p)) {
                    continue;
                }
                toDebugger.write(p);
                toDebugger.flush();
            }
        } catch (IOException e) {
            // The JVM ended or the debugger left; closing the debugger's socket ends the other direction.
        } finally {
            try {
                debugger.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Connects to the JVM's debug agent, which listens from start-up or, with a stop point, from then on. */
    private Socket connect(Process child) throws IOException {
        while (!closed && child.isAlive()) {
            try {
                return new Socket(InetAddress.getLoopbackAddress(), vmPort);
            } catch (java.net.ConnectException notYet) {
                try {
                    Thread.sleep(CONNECT_RETRY_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        }
        return null;
    }

    private static void pass(DataInputStream in, OutputStream out, int length) throws IOException {
        byte[] b = new byte[length];
        in.readFully(b);
        out.write(b);
        out.flush();
    }

    private void note(String message) {
        synchronized (err) {
            err.println(CliErrors.PREFIX + CliErrors.oneLine(message));
            err.flush();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
    }
}
