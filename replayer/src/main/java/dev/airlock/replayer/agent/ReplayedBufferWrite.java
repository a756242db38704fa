package dev.airlock.replayer.agent;

import dev.airlock.format.EventKind;
import dev.airlock.format.StreamPayloads;
import dev.airlock.recorder.runtime.BufferRange;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A channel write on replay (a file's or a socket's): the next recorded write of this thread must have
 * the same length and CRC-32C as the bytes the program hands over; they are consumed as the write would
 * have (unless a sandbox writes them for real) and the recorded count returned.
 */
final class ReplayedBufferWrite {

    private ReplayedBufferWrite() {
    }

    /** {@code what} names the target in messages ("file", "socket"); {@code kind} is the write's event kind. */
    static long compare(ReplaySink sink, int ref, BufferRange range, byte stream, EventKind kind, String what,
                        boolean keep) throws IOException {
        long available = range.remaining();
        byte[] p = sink.expectPayload(ref, what + " write of up to " + available + " bytes",
            r -> r[0] == stream && (r[1] == 'w' || r[1] == 'x'));
        if (p == null) {
            return available;
        }
        if (p[1] == 'x') {
            throw RecordedFailure.ioException(StreamPayloads.readOutcome(p));
        }
        int n = ByteBuffer.wrap(p, 2, 4).getInt();
        int recordedCrc = ByteBuffer.wrap(p, 6, 4).getInt();
        if (n > available) {
            sink.divergeHere("a write of " + n + " bytes", "a write of " + available + " bytes",
                "the program wrote less to the " + what + " than the recording");
        }
        int crc = keep ? range.crc(n) : range.consume(n);
        if (crc != recordedCrc) {
            sink.divergeHere(StreamPayloads.describe(kind, p), n + " bytes (crc32c " + Integer.toHexString(crc) + ")",
                "the program wrote other bytes to the " + what + " than the recording");
        }
        return n;
    }
}
