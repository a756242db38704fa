package dev.airlock.recorder.runtime;

import dev.airlock.bridge.ChannelNatives;
import dev.airlock.bridge.FileMarks;
import dev.airlock.bridge.NativeMemory;
import dev.airlock.format.ChannelPayloads;
import dev.airlock.format.StreamPayloads;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.util.zip.CRC32C;

/**
 * The recording side of NIO socket channels and selectors: each operation runs for real; on an
 * application thread, connect, bind and accept mark the descriptor and keep what happened (with the
 * descriptor number, so a replay can translate what a selector reported), and reads, writes, local
 * addresses and selections on marked descriptors are kept too.
 */
public final class RecordedChannels {

    /**
     * What a selector reported ready that no captured channel owns: its own wake-up descriptor (or a
     * pipe the program registered). Replay waits for a {@code wakeup()} before it reports one.
     */
    public static final long WAKE_UP = -2;
    /**
     * What a selector reported ready that no captured channel owns and that is no wake-up: mostly a
     * channel another thread closed after the wait returned (a server's {@code stop()} closing its
     * connections). Replay reports it as matching no key, at once.
     */
    public static final long NOT_A_WAKE_UP = -3;

    private final RecordingSink sink;

    RecordedChannels(RecordingSink sink) {
        this.sink = sink;
    }

    long netChannel(int op, ProtocolFamily family, FileDescriptor fd, Object arg, int number, int ref)
        throws IOException {
        if (!sink.thread().capturing() || op == 'l' || op == 'S') {
            // listen and shutdown have no outcome to keep: replay just does not do them
            return ChannelNatives.call(op, family, fd, arg, number);
        }
        String what = switch (op) {
            case 'C' -> String.valueOf(arg);
            case 'B' -> arg + ":" + number;
            default -> "";
        };
        long result;
        try {
            result = ChannelNatives.call(op, family, fd, arg, number);
        } catch (IOException | RuntimeException e) {
            sink.append(ref, ChannelPayloads.failed((char) op, what, e));
            throw e;
        }
        int number0 = FileMarks.number(fd);
        if (op == 'C' || op == 'B') {
            FileMarks.mark(number0);
        }
        if (op == 'A') {
            Object[] into = (Object[]) arg;
            if (result == 1) {
                int accepted = FileMarks.number((FileDescriptor) into[0]);
                FileMarks.mark(accepted);
                InetSocketAddress remote = ((InetSocketAddress[]) into[1])[0];
                sink.append(ref, ChannelPayloads.done('A', remote.getAddress().getHostAddress() + " " + remote.getPort(),
                    result, accepted));
                return result;
            }
        }
        sink.append(ref, ChannelPayloads.done((char) op, what, result, number0));
        return result;
    }

    InetSocketAddress localAddress(FileDescriptor fd, int ref) throws IOException {
        InetSocketAddress local;
        try {
            local = ChannelNatives.localAddress(fd);
        } catch (IOException | RuntimeException e) {
            if (sink.thread().capturing()) {
                sink.append(ref, ChannelPayloads.failed('L', "", e));
            }
            throw e;
        }
        if (sink.thread().capturing()) {
            String what = local == null ? "" : local.getAddress().getHostAddress() + " " + local.getPort();
            sink.append(ref, ChannelPayloads.done('L', what, local == null ? -1 : local.getPort(), FileMarks.number(fd)));
        }
        return local;
    }

    long data(int op, Object nd, FileDescriptor fd, Object buffers, int off, int len, long position, int ref)
        throws IOException {
        if (!sink.thread().capturing()) {
            return ChannelNatives.data(op, nd, fd, buffers, off, len, position);
        }
        BufferRange range = BufferRange.of(buffers, off, len);
        int[] before = range.positions();
        long result;
        try {
            result = ChannelNatives.data(op, nd, fd, buffers, off, len, position);
        } catch (IOException | RuntimeException e) {
            sink.append(ref, StreamPayloads.readFailed(StreamPayloads.SOCKET, e));
            throw e;
        }
        if (op == 'w' || op == 'W') {
            byte[] bytes = range.moved(before, (int) Math.max(result, 0));
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length);
            sink.append(ref, StreamPayloads.write(StreamPayloads.SOCKET, (int) result, (int) crc.getValue()));
        } else if (result >= 0) {
            sink.appendRead(ref, StreamPayloads.SOCKET, range, before, (int) result);
        } else if (result == -1) {
            sink.append(ref, StreamPayloads.read(StreamPayloads.SOCKET, null, 0, -1));
        } else {
            sink.append(ref, StreamPayloads.readValue(StreamPayloads.SOCKET, 'R', result));
        }
        return result;
    }

    int nativeData(int op, Object nd, FileDescriptor fd, long address, int len, int ref) throws IOException {
        if (!sink.thread().capturing()) {
            return ChannelNatives.nativeData(op, nd, fd, address, len);
        }
        int n;
        try {
            n = ChannelNatives.nativeData(op, nd, fd, address, len);
        } catch (IOException | RuntimeException e) {
            sink.append(ref, StreamPayloads.readFailed(StreamPayloads.SOCKET, e));
            throw e;
        }
        if (op == 'w') {
            CRC32C crc = new CRC32C();
            crc.update(NativeMemory.read(address, Math.max(n, 0)));
            sink.append(ref, StreamPayloads.write(StreamPayloads.SOCKET, n, (int) crc.getValue()));
        } else if (n >= 0) {
            byte[] bytes = NativeMemory.read(address, n);
            sink.appendRead(ref, StreamPayloads.SOCKET, bytes, 0, n);
        } else if (n == -1) {
            sink.append(ref, StreamPayloads.read(StreamPayloads.SOCKET, null, 0, -1));
        } else {
            sink.append(ref, StreamPayloads.readValue(StreamPayloads.SOCKET, 'R', n));
        }
        return n;
    }

    int datagram(int op, FileDescriptor fd, long address, int len, long peer, int flag, int ref) throws IOException {
        if (!sink.thread().capturing()) {
            return ChannelNatives.datagram(op, fd, address, len, peer, flag);
        }
        int n;
        try {
            n = ChannelNatives.datagram(op, fd, address, len, peer, flag);
        } catch (IOException | RuntimeException e) {
            sink.append(ref, StreamPayloads.readFailed(StreamPayloads.DATAGRAM, e));
            throw e;
        }
        if (op == 's') {
            CRC32C crc = new CRC32C();
            crc.update(NativeMemory.read(address, len));
            sink.append(ref, StreamPayloads.write(StreamPayloads.DATAGRAM, n, (int) crc.getValue()));
        } else if (n >= 0) {
            int sender = ChannelNatives.senderSize();
            byte[] both = new byte[sender + n];
            System.arraycopy(NativeMemory.read(peer, sender), 0, both, 0, sender);
            System.arraycopy(NativeMemory.read(address, n), 0, both, sender, n);
            sink.append(ref, StreamPayloads.read(StreamPayloads.DATAGRAM, both, 0, both.length));
        } else {
            sink.append(ref, StreamPayloads.readValue(StreamPayloads.DATAGRAM, 'R', n));
        }
        return n;
    }

    long select(int op, int epfd, long address, int numfds, int timeout, int ref) throws IOException {
        if (!sink.thread().capturing()) {
            return ChannelNatives.select(op, epfd, address, numfds, timeout);
        }
        long result;
        try {
            result = ChannelNatives.select(op, epfd, address, numfds, timeout);
        } catch (IOException | RuntimeException e) {
            sink.append(ref, StreamPayloads.readFailed(StreamPayloads.SELECT, e));
            throw e;
        }
        long kept = op == 'd' && !FileMarks.marked((int) result) ? unowned((int) result) : result;
        sink.append(ref, StreamPayloads.readValue(StreamPayloads.SELECT, (char) op, kept));
        return result;
    }

    private long unowned(int fd) {
        RecordingThread t = sink.thread();
        t.agentDepth++; // the look at the descriptor is the agent's, not a file access of the program
        try {
            return WakeUpDescriptors.isWakeUp(fd) ? WAKE_UP : NOT_A_WAKE_UP;
        } finally {
            t.agentDepth--;
        }
    }
}
