package dev.airlock.recorder.runtime;

import dev.airlock.recorder.instrument.AirlockTransformer;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The per-thread state of a sink, set up on a thread's first use. Setting up runs JDK code that may itself
 * be captured, so it happens inside an agent section, on a state object that already exists.
 *
 * @param <T> the mode's thread state
 */
public final class ThreadStates<T extends ThreadState> implements AirlockTransformer.AgentSection, LogicalThreads {

    private final ThreadLocal<T> local = new ThreadLocal<>();
    /**
     * Every state by its thread, for when the thread-local is gone: the common pool's workers have their
     * thread-locals erased after each task, and a thread must keep its path, writer and turn.
     */
    private final java.util.Map<Thread, T> byThread = new java.util.WeakHashMap<>();
    private final Supplier<T> factory;
    private final Thread mainThread;
    private final ThreadPaths paths = new ThreadPaths();
    private final BiConsumer<T, Thread> setUpApplicationThread;
    /** What a thread is while a debugger evaluates an expression on it: not the application's. */
    private final T evaluating;

    /**
     * @param factory makes a bare state (must not run captured code)
     * @param mainThread the thread that runs {@code main}
     * @param setUpApplicationThread completes the state of an application thread, whose path is set
     */
    public ThreadStates(Supplier<T> factory, Thread mainThread, BiConsumer<T, Thread> setUpApplicationThread) {
        this.factory = factory;
        this.mainThread = mainThread;
        this.setUpApplicationThread = setUpApplicationThread;
        this.evaluating = factory.get();
        this.evaluating.initialized = true;
        // Loaded now: first loaded from current(), inside a capture of File.exists, its loading (a class path
        // lookup) would be captured and call current() again, until the stack overflows.
        DebuggerEvaluation.onCurrentThread();
    }

    public T current() {
        if (DebuggerEvaluation.onCurrentThread()) {
            return evaluating;
        }
        T t = local.get();
        if (t == null) {
            t = stateOf(Thread.currentThread());
        }
        if (!t.initialized) {
            t.initialized = true;
            t.agentDepth++;
            try {
                Thread thread = Thread.currentThread();
                if (AppThreads.isApplication(thread)) {
                    t.path = paths.pathOf(thread, thread == mainThread);
                    setUpApplicationThread.accept(t, thread);
                    if (t.seededWithoutPath && t.makesRandomSeed()) {
                        ThreadRandomSeeds.reseed();
                    }
                }
            } finally {
                t.agentDepth--;
            }
        }
        return t;
    }

    private T stateOf(Thread thread) {
        T t;
        synchronized (byThread) {
            t = byThread.get(thread);
            if (t == null) {
                t = factory.get();
                byThread.put(thread, t);
            }
        }
        local.set(t);
        return t;
    }

    @Override
    public ThreadState startLogical(String path) {
        if (DebuggerEvaluation.onCurrentThread()) {
            return null;
        }
        T host = bare();
        if (host.agentDepth != 0) {
            return null;
        }
        T t = factory.get();
        t.path = path;
        t.host = host;
        t.initialized = true;
        host.agentDepth++;
        try {
            setUpApplicationThread.accept(t, Thread.currentThread());
        } finally {
            host.agentDepth--;
        }
        local.set(t);
        return t;
    }

    @Override
    public ThreadState host() {
        T t = bare();
        return t.host != null ? t.host : t;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void endLogical(ThreadState logical) {
        local.set((T) logical.host);
        logical.runEnded();
    }

    /**
     * Whether a thread {@code child} is one of the application's threads, which have paths and record:
     * not the agent's, not the JVM's, and not a fork-join pool's when tasks run as logical threads of
     * their own (which pool thread runs when is the pool's business, and none of the application's).
     */
    public boolean startsApplicationThread(Thread child) {
        return !AppThreads.isAgent(child) && AppThreads.isApplication(child)
            && !(TaskThreads.enabled() && child instanceof java.util.concurrent.ForkJoinWorkerThread);
    }

    private T bare() {
        T t = local.get();
        return t != null ? t : stateOf(Thread.currentThread());
    }

    @Override
    public void enter() {
        bare().agentDepth++;
    }

    @Override
    public void exit() {
        bare().agentDepth--;
    }

    /**
     * Called on the parent as it starts {@code child}: names the child, or claims it for the agent when
     * agent code or a non-application thread starts it. Returns false when the start is not the
     * application's to capture.
     */
    public boolean childStarting(T parent, Thread child, boolean capturing) {
        if (!capturing || AppThreads.isAgent(child)
            || TaskThreads.enabled() && child instanceof java.util.concurrent.ForkJoinWorkerThread) {
            // Marked, so the pool's thread never counts as the application's (see startsApplicationThread).
            AppThreads.markAgent(child);
            return false;
        }
        if (!AppThreads.isApplication(child)) {
            // The JVM's own thread started on an application thread's behalf (the process reaper when
            // a child process starts): replay may never start it, so it is not part of the schedule.
            return false;
        }
        paths.starting(parent.path, ++parent.spawned, child);
        return true;
    }
}
