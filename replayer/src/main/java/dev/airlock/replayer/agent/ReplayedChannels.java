package dev.airlock.replayer.agent;

import dev.airlock.bridge.ChannelNatives;
import dev.airlock.bridge.FileMarks;
import dev.airlock.bridge.NativeMemory;
import dev.airlock.format.ChannelPayloads;
import dev.airlock.format.Event;
import dev.airlock.format.EventKind;
import dev.airlock.format.StreamPayloads;
import dev.airlock.recorder.runtime.BufferRange;
import dev.airlock.recorder.runtime.RecordedChannels;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replay side of NIO socket channels and selectors. Nothing reaches the network: connect and bind
 * return what the recording saw and mark the channel's (unconnected) descriptor; accept hands out a
 * fresh unconnected socket with the recorded client's address; reads return the recorded bytes, writes
 * are compared and dropped; a selector waits for nothing and reports the recorded ready descriptors,
 * translated from the recording's numbers to this JVM's.
 */
final class ReplayedChannels {

    private final ReplaySink sink;
    /** Recorded descriptor number -> this replay's, for what selectors report. */
    private final Map<Integer, Integer> descriptors = new ConcurrentHashMap<>();
    private static final long WAKE_UP_WAIT_NANOS = 10_000_000_000L;
    private final java.util.concurrent.atomic.AtomicLong wakeUps = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong wakeUpsReplayed = new java.util.concurrent.atomic.AtomicLong();

    ReplayedChannels(ReplaySink sink) {
        this.sink = sink;
    }

    long netChannel(int op, ProtocolFamily family, FileDescriptor fd, Object arg, int number, int ref)
        throws IOException {
        if (!sink.replayingHere()) {
            return ChannelNatives.call(op, family, fd, arg, number);
        }
        if (op == 'l' || op == 'S') {
            return 0;
        }
        Event e = sink.expectHere(ref);
        if (e == null) {
            throw new java.net.SocketException("replay: no network past the recording");
        }
        ChannelPayloads.Channel c = ChannelPayloads.channel(e.bytes());
        String what = switch (op) {
            case 'C' -> String.valueOf(arg);
            case 'B' -> arg + ":" + number;
            default -> null;
        };
        if (c.op() != op || (what != null && !c.what().equals(what))) {
            sink.divergeHere("net.channel " + ChannelPayloads.operation(c.op()) + " " + c.what(),
                "net.channel " + ChannelPayloads.operation((char) op) + (what == null ? "" : " " + what),
                "the program used the network differently than the recording");
        }
        if (c.failed()) {
            throw RecordedFailure.ioException(new StreamPayloads.Outcome(0, c.exceptionClass(), c.message()));
        }
        if (op == 'C' || op == 'B') {
            adopt(c.fd(), FileMarks.number(fd));
        }
        if (op == 'A' && c.value() == 1) {
            Object[] into = (Object[]) arg;
            InetSocketAddress remote = address(c.what());
            ProtocolFamily f = remote.getAddress() instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET;
            FileDescriptor standIn = ChannelNatives.socket(f);
            int mine = FileMarks.number(standIn);
            FileMarks.assign((FileDescriptor) into[0], mine);
            ((InetSocketAddress[]) into[1])[0] = remote;
            adopt(c.fd(), mine);
        }
        return c.value();
    }

    private void adopt(int recorded, int mine) {
        FileMarks.mark(mine);
        descriptors.put(recorded, mine);
    }

    /** "address port" as the recording wrote it; the address is a literal, so nothing is resolved. */
    private InetSocketAddress address(String what) throws IOException {
        int space = what.lastIndexOf(' ');
        String host = what.substring(0, space);
        int port = Integer.parseInt(what.substring(space + 1));
        InetAddress literal = sink.agentWork(() -> {
            try {
                return InetAddress.getByName(host);
            } catch (java.net.UnknownHostException e) {
                return null;
            }
        });
        if (literal == null) {
            throw new IOException("replay: the journal holds no address literal: " + host);
        }
        return new InetSocketAddress(literal, port);
    }

    InetSocketAddress localAddress(FileDescriptor fd, int ref) throws IOException {
        if (!sink.replayingHere()) {
            return ChannelNatives.localAddress(fd);
        }
        Event e = sink.expectHere(ref);
        if (e == null) {
            return ChannelNatives.localAddress(fd);
        }
        ChannelPayloads.Channel c = ChannelPayloads.channel(e.bytes());
        if (c.op() != 'L') {
            sink.divergeHere("net.channel " + ChannelPayloads.operation(c.op()), "net.channel local-address",
                "the program used the network differently than the recording");
        }
        if (c.failed()) {
            throw RecordedFailure.ioException(new StreamPayloads.Outcome(0, c.exceptionClass(), c.message()));
        }
        return c.what().isEmpty() ? null : address(c.what());
    }

    long data(int op, Object nd, FileDescriptor fd, Object buffers, int off, int len, long position, int ref)
        throws IOException {
        if (!sink.replayingHere()) {
            return ChannelNatives.data(op, nd, fd, buffers, off, len, position);
        }
        BufferRange range = BufferRange.of(buffers, off, len);
        if (op == 'w' || op == 'W') {
            return ReplayedBufferWrite.compare(sink, ref, range, StreamPayloads.SOCKET, EventKind.NET_WRITE, "socket",
                false);
        }
        String asked = "read of up to " + range.remaining() + " bytes";
        byte[] p = sink.expectPayload(ref, "socket " + asked, r -> r[0] == StreamPayloads.SOCKET
            && (r[1] == 'r' || r[1] == 'R' || r[1] == 'x' || r[1] == StreamPayloads.PART));
        return sink.filled(ref, p, range, "net.read " + asked);
    }

    int nativeData(int op, Object nd, FileDescriptor fd, long address, int len, int ref) throws IOException {
        if (!sink.replayingHere()) {
            return ChannelNatives.nativeData(op, nd, fd, address, len);
        }
        if (op == 'w') {
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            byte[] bytes = NativeMemory.read(address, len);
            byte[] p = sink.expectPayload(ref, "socket write of up to " + len + " bytes", r -> r[0] == StreamPayloads.SOCKET
                && (r[1] == 'w' || r[1] == 'x'));
            if (p == null) {
                return len;
            }
            if (p[1] == 'x') {
                throw RecordedFailure.ioException(StreamPayloads.readOutcome(p));
            }
            int n = ByteBuffer.wrap(p, 2, 4).getInt();
            if (n > len) {
                sink.divergeHere("a write of " + n + " bytes", "a write of " + len + " bytes",
                    "the program wrote less to the socket than the recording");
            }
            crc.update(bytes, 0, Math.max(n, 0));
            if (ByteBuffer.wrap(p, 6, 4).getInt() != (int) crc.getValue()) {
                sink.divergeHere(StreamPayloads.describe(EventKind.NET_WRITE, p), n + " bytes (crc32c "
                    + Integer.toHexString((int) crc.getValue()) + ")", "the program wrote other bytes to the socket than the recording");
            }
            return n;
        }
        String asked = "read of up to " + len + " bytes";
        byte[] p = sink.expectPayload(ref, "socket " + asked, r -> r[0] == StreamPayloads.SOCKET
            && (r[1] == 'r' || r[1] == 'R' || r[1] == 'x' || r[1] == StreamPayloads.PART));
        if (p != null && p[1] == 'R') {
            return (int) StreamPayloads.readOutcome(p).value();
        }
        byte[] into = new byte[len];
        int n = (int) sink.delivered(ref, 'r', p, into, 0, len, "net.read " + asked);
        if (n > 0) {
            NativeMemory.write(address, into, 0, n);
        }
        return n;
    }

    int datagram(int op, FileDescriptor fd, long address, int len, long peer, int flag, int ref) throws IOException {
        if (!sink.replayingHere()) {
            return ChannelNatives.datagram(op, fd, address, len, peer, flag);
        }
        if (op == 's') {
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            crc.update(NativeMemory.read(address, len));
            byte[] p = sink.expectPayload(ref, "datagram send of " + len + " bytes", r -> r[0] == StreamPayloads.DATAGRAM
                && (r[1] == 'w' || r[1] == 'x'));
            if (p == null) {
                return len;
            }
            if (p[1] == 'x') {
                throw RecordedFailure.ioException(StreamPayloads.readOutcome(p));
            }
            if (ByteBuffer.wrap(p, 6, 4).getInt() != (int) crc.getValue()) {
                sink.divergeHere(StreamPayloads.describe(EventKind.NET_WRITE, p), len + " bytes (crc32c "
                    + Integer.toHexString((int) crc.getValue()) + ")", "the program sent another datagram than the recording");
            }
            return ByteBuffer.wrap(p, 2, 4).getInt();
        }
        byte[] p = sink.expectPayload(ref, "datagram receive of up to " + len + " bytes",
            r -> r[0] == StreamPayloads.DATAGRAM && (r[1] == 'r' || r[1] == 'R' || r[1] == 'x'));
        if (p == null) {
            return -1;
        }
        if (p[1] == 'x') {
            throw RecordedFailure.ioException(StreamPayloads.readOutcome(p));
        }
        if (p[1] == 'R') {
            return (int) StreamPayloads.readOutcome(p).value();
        }
        int sender = ChannelNatives.senderSize();
        int n = p.length - 2 - sender;
        if (n > len) {
            sink.divergeHere("a datagram of " + n + " bytes", "a receive of up to " + len + " bytes",
                "the program received into a smaller buffer than the recording");
        }
        NativeMemory.write(peer, p, 2, sender);
        NativeMemory.write(address, p, 2 + sender, n);
        return n;
    }

    long select(int op, int epfd, long address, int numfds, int timeout, int ref) throws IOException {
        if (!sink.replayingHere()) {
            return ChannelNatives.select(op, epfd, address, numfds, timeout);
        }
        if (op == 'w' && sink.recordingOverHere()) {
            // The recording ended before this thread waited again: it was about to notice a shutdown
            // (or a hand-over) another thread was starting. Wait for that thread's wake-up, as the
            // recorded thread would have, and report nothing ready.
            awaitWakeUp();
            return 0;
        }
        byte[] p = sink.expectPayload(ref, "selector " + (op == 'w' ? "wait" : op == 'd' ? "descriptor" : "events"),
            r -> r[0] == StreamPayloads.SELECT && (r[1] == op || r[1] == 'x'));
        if (p == null) {
            return 0;
        }
        if (p[1] == 'x') {
            throw RecordedFailure.ioException(StreamPayloads.readOutcome(p));
        }
        long value = StreamPayloads.readOutcome(p).value();
        if (op == 'd') {
            if (value == RecordedChannels.WAKE_UP) {
                awaitWakeUp();
                // -1 matches no key: the replayed selector passes over it as it would its wake-up
                return -1;
            }
            if (value == RecordedChannels.NOT_A_WAKE_UP) {
                return -1;
            }
            return descriptors.getOrDefault((int) value, -1);
        }
        return value;
    }

    void woken() {
        wakeUps.incrementAndGet();
    }

    /**
     * A recorded wait ended by {@code wakeup()}: in the recording another thread had called it (to
     * stop a server, or hand over work), so the replay holds the selecting thread until that call
     * happens here too, rather than let it run past what the other thread did. Bounded, so a
     * registered pipe nobody wakes cannot hang the replay; the log says so.
     */
    private void awaitWakeUp() {
        long needed = wakeUpsReplayed.incrementAndGet();
        long deadline = System.nanoTime() + WAKE_UP_WAIT_NANOS;
        while (wakeUps.get() < needed && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        if (wakeUps.get() < needed) {
            dev.airlock.recorder.agent.AgentLog.info("a selector reported a wake-up the replay did not see within "
                + WAKE_UP_WAIT_NANOS / 1_000_000_000L + " s; going on");
        }
    }
}
