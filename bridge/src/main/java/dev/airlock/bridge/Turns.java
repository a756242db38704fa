package dev.airlock.bridge;

import java.util.Objects;

/**
 * The static methods that application code calls in the {@code threads=serial} mode, in place of its
 * monitor instructions and of {@code Object.wait/notify}, {@code Thread.sleep/join/yield/onSpinWait},
 * and at method entries and loop back-edges; {@code LockSupport}'s parks are bracketed by
 * {@link #blocking()} and {@link #unblocked()}. Each forwards to the installed {@link Scheduler}.
 * Replacements of instance calls take the receiver first and the call site last, as every replaced
 * call does.
 */
public final class Turns {

    private static volatile Scheduler scheduler = Scheduler.NONE;

    private Turns() {
    }

    /** Installs the scheduler. Once application code uses it for its monitors it is never taken away. */
    public static void install(Scheduler s) {
        scheduler = Objects.requireNonNull(s);
    }

    public static void point() {
        scheduler.point();
    }

    public static void initializing(boolean starts) {
        scheduler.initializing(starts);
    }

    public static void monitorEnter(Object monitor) {
        scheduler.monitorEnter(Objects.requireNonNull(monitor));
    }

    public static void monitorExit(Object monitor) {
        scheduler.monitorExit(Objects.requireNonNull(monitor));
    }

    /**
     * Links an application call that may name a method {@code synchronized} inside the JDK: {@code type} is
     * the call's own, receiver first; the target is the method it named, found with the caller's access.
     */
    public static java.lang.invoke.CallSite synchronizedCall(java.lang.invoke.MethodHandles.Lookup caller, String name,
                                                             java.lang.invoke.MethodType type)
        throws ReflectiveOperationException {
        java.lang.invoke.MethodHandle target = caller.findVirtual(type.parameterType(0), name, type.dropParameterTypes(0, 1))
            .asType(type);
        return new java.lang.invoke.ConstantCallSite(scheduler.bracketSynchronized(name, target));
    }

    /** See {@link Scheduler#stateOf}. */
    public static Thread.State stateOf(Thread thread) {
        return scheduler.stateOf(thread);
    }

    public static void blocking() {
        scheduler.blocking();
    }

    public static void unblocked() {
        scheduler.unblocked();
    }

    public static void threadExiting() {
        scheduler.threadExiting();
    }

    public static void shuttingDown() {
        scheduler.shuttingDown();
    }

    public static void wait(Object monitor, int site) throws InterruptedException {
        wait(monitor, 0, 0, site);
    }

    public static void wait(Object monitor, long millis, int site) throws InterruptedException {
        if (millis < 0) {
            throw new IllegalArgumentException("timeout value is negative");
        }
        wait(monitor, millis, 0, site);
    }

    public static void wait(Object monitor, long millis, int nanos, int site) throws InterruptedException {
        if (millis < 0 || nanos < 0 || nanos > 999_999) {
            throw new IllegalArgumentException("timeout value is negative or nanos out of range");
        }
        if (heldByTheJvm(monitor)) {
            monitor.wait(millis, nanos);
            return;
        }
        scheduler.await(monitor, millis, nanos);
    }

    public static void notify(Object monitor, int site) {
        if (heldByTheJvm(monitor)) {
            monitor.notify();
            return;
        }
        scheduler.signal(monitor, false);
    }

    public static void notifyAll(Object monitor, int site) {
        if (heldByTheJvm(monitor)) {
            monitor.notifyAll();
            return;
        }
        scheduler.signal(monitor, true);
    }

    /**
     * Whether the JVM's own monitor of {@code monitor} is held: JDK code that is not rewritten took it
     * ({@code ProcessImpl.waitFor} calling {@code TimeUnit.timedWait}, a JDK lock around an application
     * callback). A wait or notify there is the JVM's, as it would be without Airlock; application
     * monitors are the scheduler's and never the JVM's.
     */
    private static boolean heldByTheJvm(Object monitor) {
        return Thread.holdsLock(Objects.requireNonNull(monitor));
    }

    public static boolean holdsLock(Object monitor, int site) {
        return scheduler.holdsLock(Objects.requireNonNull(monitor));
    }

    public static void sleep(long millis, int site) throws InterruptedException {
        if (millis < 0) {
            throw new IllegalArgumentException("timeout value is negative");
        }
        scheduler.sleep(millis, 0);
    }

    public static void sleep(long millis, int nanos, int site) throws InterruptedException {
        if (millis < 0 || nanos < 0 || nanos > 999_999) {
            throw new IllegalArgumentException("timeout value is negative or nanos out of range");
        }
        scheduler.sleep(millis, nanos);
    }

    public static void sleep(java.time.Duration d, int site) throws InterruptedException {
        long nanos = d.toNanos();
        if (nanos > 0) {
            scheduler.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    }

    public static void join(Thread thread, int site) throws InterruptedException {
        scheduler.join(thread, 0, 0);
    }

    public static void join(Thread thread, long millis, int site) throws InterruptedException {
        if (millis < 0) {
            throw new IllegalArgumentException("timeout value is negative");
        }
        scheduler.join(thread, millis, 0);
    }

    public static void join(Thread thread, long millis, int nanos, int site) throws InterruptedException {
        scheduler.join(thread, millis, nanos);
    }

    public static boolean join(Thread thread, java.time.Duration d, int site) throws InterruptedException {
        long nanos = Math.max(1, d.toNanos());
        scheduler.join(thread, nanos / 1_000_000, (int) (nanos % 1_000_000));
        return !thread.isAlive();
    }

    public static void yield(int site) {
        scheduler.yieldTurn();
    }

    public static void onSpinWait(int site) {
        scheduler.yieldTurn();
    }
}
