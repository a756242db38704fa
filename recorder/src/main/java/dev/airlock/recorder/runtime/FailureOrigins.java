package dev.airlock.recorder.runtime;

import dev.airlock.bridge.AgentFrames;
import dev.airlock.format.Fields;
import dev.airlock.format.JournalWriter;
import dev.airlock.format.ThreadStacks;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where in the JDK the exceptions of captured calls were thrown. A payload keeps a failure's class and
 * message; its trace also had the JDK's frames between the captured call and the place it failed
 * ({@code Net.connect0}, {@code NioSocketImpl.connect}, ...), which replay does not run. The recording
 * notes them once per call, path to it and exception class ({@link #NOTE_PREFIX}), and replay gives each rebuilt
 * exception those frames above the call, so a program that prints the trace prints what it printed.
 */
public final class FailureOrigins {

    public static final String NOTE_PREFIX = "failure.frames.";

    private final JournalWriter journal;
    private final Set<String> noted = ConcurrentHashMap.newKeySet();

    FailureOrigins(JournalWriter journal) {
        this.journal = journal;
    }

    /** A captured call on the calling thread: its key and the frames below it, as the JDK would list them. */
    public record Call(String key, List<StackTraceElement> below) {
    }

    /**
     * The captured call the calling thread is answering: the bridge method at the bottom of the agent's
     * frames on top of the stack and the JDK frame that called it; null when the thread is not in one.
     */
    public static Call current() {
        List<StackTraceElement> frames = StackWalker.getInstance(StackWalker.Option.SHOW_REFLECT_FRAMES)
            .walk(s -> s.map(StackWalker.StackFrame::toStackTraceElement).collect(java.util.stream.Collectors.toList()));
        int bridge = -1;
        for (int i = 0; i < frames.size() && AgentFrames.isAgent(frames.get(i).getClassName()); i++) {
            bridge = i;
        }
        if (bridge < 0 || bridge == frames.size() - 1 || !frames.get(bridge).getClassName().startsWith("dev.airlock.bridge.")) {
            return null;
        }
        StackTraceElement caller = frames.get(bridge + 1);
        // the whole path to the call, not just the caller: what ran above it depends on how it was reached
        // (Socket.connect reached from HttpURLConnection has no SOCKS layer; reached from new Socket() it has)
        int path = 1;
        for (StackTraceElement f : frames.subList(bridge + 1, frames.size())) {
            path = 31 * path + (f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber()).hashCode();
        }
        String key = frames.get(bridge).getMethodName() + "@" + caller.getClassName() + "." + caller.getMethodName() + ":"
            + caller.getLineNumber() + "/" + Integer.toHexString(path);
        return new Call(key, frames.subList(bridge + 1, frames.size()));
    }

    /** Notes the frames {@code failure} has above the captured call, the first time this call, so reached, fails so. */
    void recording(Throwable failure) {
        Call call = current();
        if (call == null) {
            return;
        }
        String key = call.key() + "#" + failure.getClass().getName();
        if (noted.contains(key)) {
            return;
        }
        StackTraceElement[] trace = failure.getStackTrace();
        int above = trace.length - call.below().size();
        if (above < 0 || !sameFrame(trace[above], call.below().get(0))) {
            return;
        }
        for (int i = 0; i < above; i++) {
            if (AgentFrames.isAgent(trace[i].getClassName())) {
                return;
            }
        }
        if (noted.add(key)) {
            journal.writeNote(new Fields().put(NOTE_PREFIX + key,
                ThreadStacks.frames(java.util.Arrays.copyOf(trace, above))));
        }
    }

    private static boolean sameFrame(StackTraceElement a, StackTraceElement b) {
        return a.getClassName().equals(b.getClassName()) && a.getMethodName().equals(b.getMethodName())
            && a.getLineNumber() == b.getLineNumber();
    }

    /** The frames a note holds, in trace order. */
    public static List<StackTraceElement> decode(String text) {
        return List.of(ThreadStacks.frames(text));
    }
}
