package dev.airlock.recorder.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each fork-join task as a logical thread of its own in {@code threads=ordered}. A pool's threads
 * steal and pop tasks as they happen to be free, so which thread runs which task differs on replay; a
 * task's turns, inputs and identity hashes therefore belong to the task's run, not to the pool thread.
 *
 * <p>A run is named after the thread or task that queued the task (forked or submitted it) and how many
 * that one queued before ({@code main/t2}, {@code main/t2/t1}); a task run where it is called
 * ({@code invoke}, the first task of {@code invokeAll}) is named after the caller the same way. Replay
 * queues and calls them in the same order, since the queuing thread replays as recorded. Left out: tasks
 * the agent or a JDK thread queues, the tasks that run a virtual thread's continuation (those are the
 * virtual thread, which is a thread of its own already), and {@code CompletableFuture}'s completions
 * (see {@link #COMPLETION}), whose runs on a pool thread are logical threads named after it.
 */
public final class TaskThreads {

    /** A queued task's name: its queuer's path and count (the path is made when the task runs). */
    private static final class Name {
        final String queuerPath;
        final int queued;

        Name(String queuerPath, int queued) {
            this.queuerPath = queuerPath;
            this.queued = queued;
        }

        String path() {
            return queuerPath + "/t" + queued;
        }
    }

    /** The JDK's wrappers of a {@code Runnable} as a task, which is how a virtual thread is scheduled. */
    private static final String[] WRAPPERS = {"java.util.concurrent.ForkJoinTask$AdaptedRunnableAction",
        "java.util.concurrent.ForkJoinTask$RunnableExecuteAction"};
    private static final Class<?>[] WRAPPER_TYPES = new Class<?>[WRAPPERS.length];
    private static final VarHandle[] WRAPPED = new VarHandle[WRAPPERS.length];

    static {
        for (int i = 0; i < WRAPPERS.length; i++) {
            try {
                Class<?> c = Class.forName(WRAPPERS[i], false, null);
                WRAPPED[i] = MethodHandles.privateLookupIn(c, MethodHandles.lookup()).findVarHandle(c, "runnable",
                    Runnable.class);
                WRAPPER_TYPES[i] = c;
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not on this JDK: nothing of it to leave out
            }
        }
    }

    private static final ClassValue<Boolean> CONTINUATION = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.getName().startsWith("java.lang.VirtualThread");
        }
    };

    /**
     * {@code CompletableFuture}'s completions are queued by whichever thread completes the future they
     * wait for, or by the thread that asks for them if it is done already: not named after their queuer,
     * whose other tasks' names they would shift.
     */
    private static final ClassValue<Boolean> COMPLETION = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (c.getName().equals("java.util.concurrent.CompletableFuture$Completion")) {
                    return true;
                }
            }
            return false;
        }
    };

    /** A virtual thread's carrier: what it runs is the virtual thread's. */
    private static final ClassValue<Boolean> CARRIER = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.getName().equals("jdk.internal.misc.CarrierThread");
        }
    };

    private static volatile boolean enabled;

    private final LogicalThreads threads;
    private final ConcurrentHashMap<Object, Name> names = new ConcurrentHashMap<>();
    private final ReferenceQueue<Object> gone = new ReferenceQueue<>();

    public TaskThreads(LogicalThreads threads) {
        this.threads = threads;
    }

    /**
     * Turns tasks into logical threads for this JVM, where the bridge can run a task's body (its package
     * opened to the bridge); returns whether it can.
     */
    public static boolean enable() {
        enabled = dev.airlock.bridge.Order.canExecTasks();
        return enabled;
    }

    /** Tasks stay their pool threads' (for tests, which switch modes in one JVM). */
    public static void disable() {
        enabled = false;
    }

    /** Whether tasks are logical threads: {@code ForkJoinTask} is then rewritten, and pool threads are not the application's. */
    public static boolean enabled() {
        return enabled;
    }

    /** {@code task} is being queued by {@code queuer}, the calling application thread (or task) outside agent code. */
    public void queued(Object task, ThreadState queuer) {
        if (COMPLETION.get(task.getClass()) || runsVirtualThread(task)) {
            return;
        }
        queuer.agentDepth++; // a contended map draws on ThreadLocalRandom: not the application's draw
        try {
            for (Object k; (k = gone.poll()) != null; ) {
                names.remove(k);
            }
            names.put(new WeakIdentityKey(task, System.identityHashCode(task), gone), new Name(queuer.path, ++queuer.tasksMade));
        } finally {
            queuer.agentDepth--;
        }
    }

    /**
     * A run of {@code task} starts on the calling thread, whose state as a participant is {@code caller}
     * (null if it is not the application's, or in agent code): the run becomes a logical thread; returns
     * its state, to pass to {@link #ended}, or null when the run stays the calling thread's.
     */
    public ThreadState starting(Object task, ThreadState caller) {
        Name n = names.isEmpty() ? null : names.remove(new WeakIdentityKey(task, System.identityHashCode(task), null));
        if (n != null) {
            return threads.startLogical(n.path());
        }
        if (caller != null) {
            // not queued: run where it is called, as invoke() does
            return COMPLETION.get(task.getClass()) ? null : threads.startLogical(caller.path + "/t" + ++caller.tasksMade);
        }
        Thread thread = Thread.currentThread();
        if (!(thread instanceof java.util.concurrent.ForkJoinWorkerThread) || CARRIER.get(thread.getClass())) {
            return null;
        }
        // A task without a name (a completion) on a pool thread, which is not the application's: still a
        // logical thread, so what it does is recorded, named by the pool thread and its count of such runs
        // (which thread runs it may differ on replay, which then reports where it went another way).
        ThreadState host = threads.host();
        return host.agentDepth != 0 ? null
            : threads.startLogical("pool/" + thread.getName() + "#" + ++host.tasksMade);
    }

    /**
     * The name a {@code CompletableFuture} stage's function runs under, made as the application makes
     * the stage ({@code thenApply}, ...): its maker's path, {@code /s} and the maker's count.
     */
    public String stageName(ThreadState maker) {
        return maker.path + "/s" + ++maker.tasksMade;
    }

    /** A stage's function starts on the calling thread: see {@link #starting}. */
    public ThreadState stageStarting(String name) {
        return threads.startLogical(name);
    }

    public void ended(ThreadState run) {
        threads.endLogical(run);
    }

    private static boolean runsVirtualThread(Object task) {
        Class<?> c = task.getClass();
        for (int i = 0; i < WRAPPER_TYPES.length; i++) {
            if (c == WRAPPER_TYPES[i]) {
                Object r = WRAPPED[i].get(task);
                return r != null && CONTINUATION.get(r.getClass());
            }
        }
        return false;
    }
}
