package dev.airlock.bridge;

/**
 * Who runs when, in the {@code threads=serial} mode: the runtime behind {@link Turns}. Only one
 * application thread holds the turn at a time; the recording decides when it passes and writes that
 * down, replay passes it at the same points. Monitors, {@code wait}/{@code notify}, sleeps and joins of
 * application code are the scheduler's, so that who gets a monitor or a notification is decided while
 * holding the turn and is therefore the same on replay.
 */
public interface Scheduler {

    /** A method entry or loop back-edge of application code: the turn may pass here. */
    void point();

    /**
     * An application class initializer starts ({@code true}) or ends, normally or by a throw. Another
     * thread that touches the class meanwhile waits inside the JVM, where the scheduler cannot see it:
     * the recorder keeps the turn with the initializing thread a while rather than pass it there.
     */
    default void initializing(boolean starts) {
    }

    /** {@code Thread.yield()} or {@code Thread.onSpinWait()}: the turn passes if another thread waits. */
    void yieldTurn();

    /** Just before a thread blocks outside the scheduler's view (a park, an I/O wait). */
    void blocking();

    /** Just after such a block: waits for the thread's next turn. */
    void unblocked();

    void monitorEnter(Object monitor);

    /**
     * An application call of a method that may be {@code synchronized} inside the JDK ({@code Vector.add},
     * {@code Hashtable.put}), receiver first: what the call site runs instead.
     */
    default java.lang.invoke.MethodHandle bracketSynchronized(String name, java.lang.invoke.MethodHandle target) {
        return target;
    }

    void monitorExit(Object monitor);

    void await(Object monitor, long millis, int nanos) throws InterruptedException;

    void signal(Object monitor, boolean all);

    /** {@code Thread.holdsLock(monitor)}: whether the calling thread holds the scheduler's monitor. */
    boolean holdsLock(Object monitor);

    void sleep(long millis, int nanos) throws InterruptedException;

    void join(Thread thread, long millis, int nanos) throws InterruptedException;

    /**
     * The state the program would see {@code thread} in while the scheduler holds it back ({@code WAITING}
     * in a {@code wait} or {@code join}, {@code TIMED_WAITING} in a {@code sleep}, {@code BLOCKED} for a
     * monitor, {@code RUNNABLE} waiting for its turn), or null when the JVM's own answer is right.
     */
    default Thread.State stateOf(Thread thread) {
        return null;
    }

    /** The current thread is ending ({@code Thread.exit}): its last turn ends. */
    void threadExiting();

    /** The JVM is shutting down: from now on threads run freely (monitors stay exclusive). */
    void shuttingDown();

    /** Does nothing but keep monitors, waits and sleeps what they are: when no scheduler is installed. */
    Scheduler NONE = new Scheduler() {
        @Override
        public void point() {
        }

        @Override
        public void yieldTurn() {
            Thread.yield();
        }

        @Override
        public void blocking() {
        }

        @Override
        public void unblocked() {
        }

        @Override
        public void monitorEnter(Object monitor) {
            throw new IllegalStateException("application monitors are the scheduler's; none is installed");
        }

        @Override
        public void monitorExit(Object monitor) {
            throw new IllegalStateException("application monitors are the scheduler's; none is installed");
        }

        @Override
        public void await(Object monitor, long millis, int nanos) throws InterruptedException {
            monitor.wait(millis, nanos);
        }

        @Override
        public void signal(Object monitor, boolean all) {
            if (all) {
                monitor.notifyAll();
            } else {
                monitor.notify();
            }
        }

        @Override
        public boolean holdsLock(Object monitor) {
            return Thread.holdsLock(monitor);
        }

        @Override
        public void sleep(long millis, int nanos) throws InterruptedException {
            Thread.sleep(millis, nanos);
        }

        @Override
        public void join(Thread thread, long millis, int nanos) throws InterruptedException {
            thread.join(millis, nanos);
        }

        @Override
        public void threadExiting() {
        }

        @Override
        public void shuttingDown() {
        }
    };
}
