package dev.airlock.recorder.runtime;

import dev.airlock.bridge.Order;
import dev.airlock.bridge.Orderer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What recording and replay share of {@code threads=ordered}: which threads take part (the
 * application's, outside agent code), the cell of each synchronized-on object, and the method handles
 * ordered call sites run. How a turn is taken is the mode's own: the recorder numbers and writes it,
 * replay waits for it.
 */
public abstract class SyncOrder implements Orderer {

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    /** The lock pair a read or write lock of a {@code ReentrantReadWriteLock} belongs to; null if closed to us. */
    private static final String READ_LOCK = "java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock";
    private static final String WRITE_LOCK = "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock";
    private static final VarHandle READ_SYNC = syncField(READ_LOCK);
    private static final VarHandle WRITE_SYNC = syncField(WRITE_LOCK);

    private final Supplier<? extends ThreadState> states;
    private final SyncCells cells;

    protected SyncOrder(Supplier<? extends ThreadState> states, boolean numbered) {
        this.states = states;
        this.cells = new SyncCells(numbered);
    }

    /** The calling thread's state when its turns are ordered (an application thread outside agent code). */
    protected ThreadState participant() {
        ThreadState s = states.get();
        return s.agentDepth == 0 && s.application() ? s : null;
    }

    protected final SyncCell cellOf(ThreadState s, Object o) {
        return cells.of(o, local(s));
    }

    protected static SyncCells.Local local(ThreadState s) {
        SyncCells.Local l = s.sync;
        if (l == null) {
            l = new SyncCells.Local();
            s.sync = l;
        }
        return l;
    }

    /** The object a lock's turns are counted on: a read and a write lock of one pair share theirs. */
    protected static Object lockKey(Object lock) {
        Class<?> c = lock.getClass();
        if (c.getClassLoader() != null || READ_SYNC == null || WRITE_SYNC == null) {
            return lock;
        }
        String name = c.getName();
        return name.equals(READ_LOCK) ? READ_SYNC.get(lock) : name.equals(WRITE_LOCK) ? WRITE_SYNC.get(lock) : lock;
    }

    private static VarHandle syncField(String className) {
        try {
            Class<?> c = Class.forName(className);
            return MethodHandles.privateLookupIn(c, LOOKUP).findVarHandle(c, "sync",
                Class.forName("java.util.concurrent.locks.ReentrantReadWriteLock$Sync"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    // ---- ordered call sites

    @Override
    public final MethodHandle bracket(int kind, String name, MethodHandle target) {
        ThreadState s = states.get();
        // Linking runs JDK code that hashes; as agent work it draws nothing from the thread's sequences.
        s.agentDepth++;
        try {
            return kind == Order.LOCK ? lockCall(name, target) : atomicCall(target, null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            s.agentDepth--;
        }
    }

    @Override
    public final MethodHandle bracketField(MethodHandle access, Class<?> staticOwner) {
        ThreadState s = states.get();
        s.agentDepth++;
        try {
            return atomicCall(access, staticOwner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            s.agentDepth--;
        }
    }

    private MethodHandle lockCall(String name, MethodHandle target) throws ReflectiveOperationException {
        MethodType type = target.type();
        MethodHandle h;
        if (type.parameterCount() == 3) {
            h = LOOKUP.findVirtual(SyncOrder.class, "tryLock",
                MethodType.methodType(boolean.class, Object.class, long.class, TimeUnit.class));
        } else {
            h = LOOKUP.findVirtual(SyncOrder.class, name, MethodType.methodType(type.returnType(), Object.class));
        }
        return h.bindTo(this).asType(type);
    }

    /**
     * {@code target} run between {@link #enterAtomic} and {@link #exitAtomic}, whatever it throws; the
     * turn is on its receiver, or on {@code key} when that is given (a static field's class).
     */
    private MethodHandle atomicCall(MethodHandle target, Object key) throws ReflectiveOperationException {
        MethodType type = target.type();
        Class<?> r = type.returnType();
        MethodHandle core = MethodHandles.dropArguments(target, 0, SyncCell.class);
        MethodHandle exit;
        if (r == void.class) {
            exit = LOOKUP.findVirtual(SyncOrder.class, "exitVoid",
                MethodType.methodType(void.class, Throwable.class, SyncCell.class)).bindTo(this);
        } else {
            Class<?> kept = r == boolean.class || r == int.class || r == long.class ? r : Object.class;
            exit = LOOKUP.findVirtual(SyncOrder.class, "exit", MethodType.methodType(kept, Throwable.class, kept,
                SyncCell.class)).bindTo(this).asType(MethodType.methodType(r, Throwable.class, r, SyncCell.class));
        }
        MethodHandle guarded = MethodHandles.tryFinally(core, exit);
        MethodHandle enter = LOOKUP.findVirtual(SyncOrder.class, "enterAtomic",
            MethodType.methodType(SyncCell.class, Object.class)).bindTo(this);
        enter = key != null ? MethodHandles.insertArguments(enter, 0, key)
            : enter.asType(MethodType.methodType(SyncCell.class, type.parameterType(0)));
        return MethodHandles.foldArguments(guarded, enter);
    }

    private void exitVoid(Throwable t, SyncCell c) {
        if (c != null) {
            exitAtomic(c, false);
        }
    }

    private boolean exit(Throwable t, boolean result, SyncCell c) {
        if (c != null) {
            exitAtomic(c, t == null && !result);
        }
        return result;
    }

    private int exit(Throwable t, int result, SyncCell c) {
        if (c != null) {
            exitAtomic(c, false);
        }
        return result;
    }

    private long exit(Throwable t, long result, SyncCell c) {
        if (c != null) {
            exitAtomic(c, false);
        }
        return result;
    }

    private Object exit(Throwable t, Object result, SyncCell c) {
        if (c != null) {
            exitAtomic(c, false);
        }
        return result;
    }

    /**
     * Before an atomic update of {@code key} (the receiver: the atomic, its array, updater or
     * {@code VarHandle}): the cell whose turn this update takes, or null when the thread takes no part.
     */
    protected abstract SyncCell enterAtomic(Object key);

    /** After it; {@code falseResult} when it returned false (a compare-and-set that failed). */
    protected abstract void exitAtomic(SyncCell c, boolean falseResult);

    protected abstract void lock(Object lock);

    protected abstract void lockInterruptibly(Object lock) throws InterruptedException;

    protected abstract boolean tryLock(Object lock);

    protected abstract boolean tryLock(Object lock, long time, TimeUnit unit) throws InterruptedException;
}
