package dev.airlock.recorder.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each fork-join task as a logical thread of its own in {@code threads=ordered}. A pool's threads
 * steal and pop tasks as they happen to be free, so which thread runs which task differs on replay; a
 * task's turns, inputs and identity hashes therefore belong to the task, not to the pool thread.
 *
 * <p>A task is named when it is made, after the thread or task that made it and how many it made
 * before ({@code main/t2}, {@code main/t2/t1}): replay makes them in the same order, since a task's
 * maker replays as recorded. Each run of the task is then a logical thread of that name, wherever it
 * runs. Left out: tasks the agent or a JDK thread made, the tasks that run a virtual thread's
 * continuation (those are the virtual thread, which is a thread of its own already), and
 * {@code CompletableFuture}'s completions (see {@link #COMPLETION}), whose runs on a pool thread are
 * logical threads named after it.
 */
public final class TaskThreads {

    private static final class Name {
        final String path;
        int runs;

        Name(String path) {
            this.path = path;
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
     * {@code CompletableFuture}'s completions are tasks the JDK makes, or not, depending on whether the
     * future was done yet ({@code thenApply} on a done future makes none, a {@code get} that has to wait
     * makes one): so they are not named after their maker, whose other tasks' names they would shift.
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
    static boolean enable() {
        enabled = dev.airlock.bridge.Order.canExecTasks();
        return enabled;
    }

    /** Whether tasks are logical threads: {@code ForkJoinTask} is then rewritten, and pool threads are not the application's. */
    public static boolean enabled() {
        return enabled;
    }

    /** {@code task} was just made by {@code maker}, the calling application thread (or task) outside agent code. */
    public void made(Object task, ThreadState maker) {
        if (COMPLETION.get(task.getClass()) || runsVirtualThread(task)) {
            return;
        }
        maker.agentDepth++; // a contended map draws on ThreadLocalRandom: not the application's draw
        try {
            for (Object k; (k = gone.poll()) != null; ) {
                names.remove(k);
            }
            names.put(new WeakIdentityKey(task, System.identityHashCode(task), gone),
                new Name(maker.path + "/t" + ++maker.tasksMade));
        } finally {
            maker.agentDepth--;
        }
    }

    /**
     * The run of {@code task} that starts on the calling thread becomes its logical thread; returns that
     * thread's state, to pass to {@link #ended}, or null when the run stays the calling thread's (a task
     * no application thread made, a run inside agent code).
     */
    public ThreadState starting(Object task) {
        Name n = names.get(new WeakIdentityKey(task, System.identityHashCode(task), null));
        if (n != null) {
            int run = ++n.runs;
            return threads.startLogical(run == 1 ? n.path : n.path + "." + run);
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
