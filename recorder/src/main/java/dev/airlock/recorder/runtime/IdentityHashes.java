package dev.airlock.recorder.runtime;

import dev.airlock.bridge.Identity;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Identity hashes that are the same on every replay: an object's first hash, asked for on an
 * application thread, is drawn from that thread's own sequence (seeded by the thread's path), and kept
 * for as long as the object lives. Recording and replay run the same code in the same order under the
 * serial schedule, so they hand out the same values without writing any of them down. Asked for first
 * on another thread, or by the agent, an object answers with the JVM's hash.
 */
public final class IdentityHashes implements Identity.Hasher {

    private static final class Key extends WeakReference<Object> {
        final int jvmHash;

        Key(Object o, ReferenceQueue<Object> queue) {
            super(o, queue);
            this.jvmHash = System.identityHashCode(o);
        }

        @Override
        public int hashCode() {
            return jvmHash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && ((Key) other).jvmHash == jvmHash && ((Key) other).get() == get()
                && get() != null;
        }
    }


    private final Supplier<? extends ThreadState> states;
    private final Map<Key, Integer> hashes = new HashMap<>();
    private final ReferenceQueue<Object> gone = new ReferenceQueue<>();

    public IdentityHashes(Supplier<? extends ThreadState> states) {
        this.states = states;
    }

    /**
     * Installs this hasher and runs both of {@code Identity}'s paths once, so they are loaded and warm
     * before the JDK's hashing classes call them; the values drawn are given back, since recording and
     * replay start on threads in different states and a program's first hash must be the same in both.
     * Classes loaded by now keep the JVM's hash; later ones get theirs from their names
     * ({@link Identity#hashCode}).
     */
    public void install(Class<?>[] loaded) {
        Identity.install(this, loaded);
        Identity.hashCode(new Object());
        Identity.identityHashCode(new Object());
        Identity.hashCode(IdentityHashes.class);
        states.get().identityHashes = 0;
    }

    @Override
    public int identityHash(Object o) {
        ThreadState s = states.get();
        if (s.agentDepth != 0) {
            // The agent's own identity maps (the scheduler's monitors): the JVM's hash, nothing allocated.
            return System.identityHashCode(o);
        }
        s.agentDepth++;
        try {
            Key key = new Key(o, null);
            synchronized (hashes) {
                Integer known = hashes.get(key);
                if (known != null) {
                    return known;
                }
                if (s.agentDepth != 1 || !s.application()) {
                    return key.jvmHash;
                }
                for (Object k; (k = gone.poll()) != null; ) {
                    hashes.remove(k);
                }
                int h = next(s);
                hashes.put(new Key(o, gone), h);
                return h;
            }
        } finally {
            s.agentDepth--;
        }
    }

    private static int next(ThreadState s) {
        long z = s.path.hashCode() * 0x9E3779B97F4A7C15L + (++s.identityHashes) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        int h = (int) (z ^ (z >>> 31)) & 0x7FFFFFFF;
        return h == 0 ? 1 : h;
    }
}
