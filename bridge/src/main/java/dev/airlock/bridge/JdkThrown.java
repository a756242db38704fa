package dev.airlock.bridge;

/**
 * The exceptions of {@code Object.wait}, {@code notify}, {@code Thread.sleep} and {@code join}, made by
 * those methods themselves when the scheduler or the replay decides one is thrown: the JDK's trace starts
 * where a run without Airlock has it ({@code Object.wait(Native Method)}, ...) and Airlock's frames
 * under it are hidden ({@link AgentFrames}), so a program that prints it prints the same lines.
 * Each call is certain to throw at once: the thread is interrupted first, or does not own the monitor.
 * Should it not throw (a monitor the JDK itself holds, a thread already dead), a plain exception stands in.
 */
public final class JdkThrown {

    public static final int WAIT = 0;
    public static final int NOTIFY = 1;
    public static final int NOTIFY_ALL = 2;

    private JdkThrown() {
    }

    public static InterruptedException sleepInterrupted() {
        Thread.currentThread().interrupt();
        try {
            Thread.sleep(0);
        } catch (InterruptedException e) {
            return e;
        }
        Thread.interrupted();
        return new InterruptedException("sleep interrupted");
    }

    /** As thrown by the {@code wait} overload the program called; the caller holds no JVM monitor of {@code monitor}. */
    public static InterruptedException waitInterrupted(Object monitor, long millis, int nanos) {
        Thread.currentThread().interrupt();
        try {
            synchronized (monitor) {
                waitAs(monitor, millis, nanos);
            }
        } catch (InterruptedException e) {
            return e;
        }
        Thread.interrupted();
        return new InterruptedException();
    }

    /** The {@code wait} overload the program called, as near as its arguments tell. */
    public static void waitAs(Object monitor, long millis, int nanos) throws InterruptedException {
        if (nanos != 0) {
            monitor.wait(millis, nanos);
        } else if (millis != 0) {
            monitor.wait(millis);
        } else {
            monitor.wait();
        }
    }

    public static InterruptedException joinInterrupted(Thread thread, long millis, int nanos) {
        Thread.currentThread().interrupt();
        try {
            if (nanos != 0) {
                thread.join(millis, nanos);
            } else if (millis != 0) {
                thread.join(millis);
            } else {
                thread.join();
            }
        } catch (InterruptedException e) {
            return e;
        }
        Thread.interrupted();
        return new InterruptedException();
    }

    /** {@code op} ({@link #WAIT}, {@link #NOTIFY}, {@link #NOTIFY_ALL}) called without owning {@code monitor}. */
    public static IllegalMonitorStateException notOwner(Object monitor, int op) {
        try {
            switch (op) {
                case WAIT:
                    monitor.wait();
                    break;
                case NOTIFY:
                    monitor.notify();
                    break;
                default:
                    monitor.notifyAll();
                    break;
            }
        } catch (IllegalMonitorStateException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new IllegalMonitorStateException("current thread is not owner");
    }
}
