package dev.airlock.replayer.cli;

import dev.airlock.recorder.runtime.DebuggerEvaluation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps what a debugger evaluates out of the replay. An IDE calls {@code toString()} for its variables
 * view, and the analyst's expressions call methods, by JDWP invoke commands on a suspended thread; a clock
 * read or a random draw inside would otherwise take the next recorded value and the replay would diverge.
 * This watches the debugger's commands on one connection and brackets each invocation with
 * {@code ClassType.SetValues} commands that set and clear {@link DebuggerEvaluation#thread} in the
 * replay JVM, which then runs everything that thread asks for live.
 *
 * <p>No waiting is needed around an invocation: the JVM's debug agent handles commands one at a time
 * in the order they arrive, so the setting written just before the invoke takes effect before it, and
 * the clearing written just before the invoke's reply is passed on takes effect before anything the
 * debugger sends next. One field names one thread: with invocations on two threads at once, the later
 * one's thread is fenced until it returns.
 */
final class EvaluationFence {

    /** Ids for the relay's own commands, far from the small counting ids debuggers use. */
    private static final int FIRST_OWN_ID = 0x7F000000;
    private static final long ASK_SECONDS = 10;

    /** Writes one whole packet to the replay JVM (thread-safe). */
    interface Sender {
        void send(byte[] packet) throws IOException;
    }

    private final Sender vm;
    private final AtomicInteger ownIds = new AtomicInteger(FIRST_OWN_ID);
    private final Map<Integer, CompletableFuture<byte[]>> asked = new ConcurrentHashMap<>();
    /** Invocations under way: command id to invoking thread, and the threads in invocation order. */
    private final Map<Integer, Long> invocations = new HashMap<>();
    private final Deque<Long> evaluating = new ArrayDeque<>();
    /** ID sizes (field, method, object, reference type, frame), once the first invocation asked for them. */
    private int[] sizes;
    /** Class and field ids of {@link DebuggerEvaluation#thread}, in every loader that has the class. */
    private final List<long[]> fields = new ArrayList<>();
    private String unavailable;

    EvaluationFence(Sender vm) {
        this.vm = vm;
    }

    /**
     * Called with each command from the debugger before it goes on to the replay JVM. Returns a note for
     * the analyst when the fence cannot work on this connection (once), else null.
     */
    String beforeCommand(byte[] p) throws IOException {
        int set = JdwpPackets.commandSet(p);
        int cmd = JdwpPackets.command(p);
        boolean invoke = set == 3 && (cmd == 3 || cmd == 4) // ClassType.InvokeMethod, NewInstance
            || set == 5 && cmd == 1                        // InterfaceType.InvokeMethod
            || set == 9 && cmd == 6;                       // ObjectReference.InvokeMethod
        if (!invoke) {
            return null;
        }
        String note = null;
        if (sizes == null && unavailable == null) {
            note = discover();
        }
        if (fields.isEmpty()) {
            return note;
        }
        int objectSize = sizes[2];
        long thread = JdwpPackets.id(p, JdwpPackets.HEADER + (set == 9 ? objectSize : sizes[3]), objectSize);
        synchronized (this) {
            invocations.put(JdwpPackets.id(p), thread);
            evaluating.push(thread);
            setField(thread);
        }
        return note;
    }

    /** Called with each reply from the replay JVM; true when it answers the fence's own command (not passed on). */
    boolean onReply(byte[] p) throws IOException {
        CompletableFuture<byte[]> waiting = asked.remove(JdwpPackets.id(p));
        if (waiting != null) {
            waiting.complete(p);
            return true;
        }
        synchronized (this) {
            Long thread = invocations.remove(JdwpPackets.id(p));
            if (thread != null) {
                evaluating.removeFirstOccurrence(thread);
                Long previous = evaluating.peek();
                setField(previous == null ? 0 : previous);
            }
        }
        return false;
    }

    /** True while an invocation the debugger asked for has not returned. */
    synchronized boolean evaluating() {
        return !evaluating.isEmpty();
    }

    private void setField(long thread) throws IOException {
        for (long[] f : fields) {
            ByteBuffer b = ByteBuffer.allocate(sizes[3] + 4 + sizes[0] + sizes[2]);
            JdwpPackets.putId(b, f[0], sizes[3]);
            b.putInt(1);
            JdwpPackets.putId(b, f[1], sizes[0]);
            JdwpPackets.putId(b, thread, sizes[2]);
            int id = ownIds.incrementAndGet();
            asked.put(id, new CompletableFuture<>());
            vm.send(JdwpPackets.command(id, 3, 2, b.array())); // ClassType.SetValues
        }
    }

    /** Finds the field in the replay JVM; a note for the analyst when it cannot. */
    private String discover() throws IOException {
        try {
            ByteBuffer r = ask(1, 7, new byte[0]); // VirtualMachine.IDSizes
            int[] s = new int[5];
            for (int i = 0; i < 5; i++) {
                s[i] = r.getInt();
            }
            r = ask(1, 2, JdwpPackets.string(DebuggerEvaluation.SIGNATURE)); // VirtualMachine.ClassesBySignature
            int classes = r.getInt();
            List<Long> classIds = new ArrayList<>();
            for (int i = 0; i < classes; i++) {
                r.get();
                classIds.add(JdwpPackets.id(r, s[3]));
                r.getInt();
            }
            for (long classId : classIds) {
                ByteBuffer q = ByteBuffer.allocate(s[3]);
                JdwpPackets.putId(q, classId, s[3]);
                ByteBuffer f = ask(2, 4, q.array()); // ReferenceType.Fields
                for (int i = f.getInt(); i > 0; i--) {
                    long fieldId = JdwpPackets.id(f, s[0]);
                    String name = JdwpPackets.string(f);
                    JdwpPackets.string(f);
                    f.getInt();
                    if (name.equals(DebuggerEvaluation.FIELD)) {
                        fields.add(new long[] {classId, fieldId});
                    }
                }
            }
            sizes = s;
            if (fields.isEmpty()) {
                unavailable = "the replay agent's " + DebuggerEvaluation.class.getName() + " is not loaded";
            }
        } catch (IOException e) {
            unavailable = e.getMessage();
        }
        return unavailable == null ? null : "warning: what the debugger evaluates is not kept out of the replay ("
            + unavailable + "); a clock or random draw in an evaluated method may make the replay diverge";
    }

    /** Sends one of the fence's own commands and waits for its reply's data; IOException on an error reply. */
    private ByteBuffer ask(int set, int cmd, byte[] data) throws IOException {
        int id = ownIds.incrementAndGet();
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        asked.put(id, reply);
        vm.send(JdwpPackets.command(id, set, cmd, data));
        byte[] p;
        try {
            p = reply.get(ASK_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            asked.remove(id);
            throw new IOException("the replay JVM did not answer JDWP command " + set + "/" + cmd);
        }
        if (JdwpPackets.errorCode(p) != 0) {
            throw new IOException("JDWP command " + set + "/" + cmd + " failed with error " + JdwpPackets.errorCode(p));
        }
        return ByteBuffer.wrap(p, JdwpPackets.HEADER, p.length - JdwpPackets.HEADER).slice();
    }
}
