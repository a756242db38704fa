package dev.airlock.bridge;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The static methods application code calls in the {@code threads=ordered} mode: around its monitor instructions, in place of {@code Object.wait}, and, through
 * {@link #bootstrap}, around its calls of lock methods, condition waits and atomic updates. Each forwards to the
 * installed {@link Orderer}.
 */
public final class Order {

    /** A call that takes a lock ({@code lock}, {@code lockInterruptibly}, {@code tryLock}). */
    public static final int LOCK = 1;
    /** An atomic read-modify-write or write ({@code incrementAndGet}, {@code compareAndSet}, {@code set}, ...). */
    public static final int ATOMIC = 2;
    /** A wait on a lock's {@code Condition} ({@code await}, {@code awaitNanos}, ...), whose return takes the lock again. */
    public static final int CONDITION = 3;

    private static volatile Orderer orderer = Orderer.NONE;

    private Order() {
    }

    /** Installs the orderer, before any application class is rewritten for it. */
    public static void install(Orderer o) {
        orderer = Objects.requireNonNull(o);
    }

    public static void beforeMonitor(Object monitor) {
        orderer.beforeMonitor(monitor);
    }

    public static void afterMonitor(Object monitor) {
        orderer.afterMonitor(monitor);
    }

    public static void wait(Object monitor, int site) throws InterruptedException {
        orderer.await(Objects.requireNonNull(monitor), 0, 0);
    }

    public static void wait(Object monitor, long millis, int site) throws InterruptedException {
        if (millis < 0) {
            throw new IllegalArgumentException("timeout value is negative");
        }
        orderer.await(Objects.requireNonNull(monitor), millis, 0);
    }

    public static void wait(Object monitor, long millis, int nanos, int site) throws InterruptedException {
        if (millis < 0 || nanos < 0 || nanos > 999_999) {
            throw new IllegalArgumentException("timeout value is negative or nanos out of range");
        }
        orderer.await(Objects.requireNonNull(monitor), millis, nanos);
    }

    /**
     * Links an ordered call site: {@code type} is the call's own, receiver first. The target is the
     * method the call named, found with the caller's access, or for a {@code VarHandle} its invoker.
     */
    public static CallSite bootstrap(MethodHandles.Lookup caller, String name, MethodType type, int kind)
        throws ReflectiveOperationException {
        Class<?> owner = type.parameterType(0);
        MethodType call = type.dropParameterTypes(0, 1);
        MethodHandle target = owner == VarHandle.class
            ? MethodHandles.varHandleInvoker(VarHandle.AccessMode.valueFromMethodName(name), call)
            : caller.findVirtual(owner, name, call);
        return new ConstantCallSite(orderer.bracket(kind, name, target.asType(type)));
    }

    /**
     * Links a read or write of a volatile field: {@code opcode} is the field instruction it replaces,
     * {@code owner} the class it named. The access is found with the caller's rights.
     */
    public static CallSite field(MethodHandles.Lookup caller, String name, MethodType type, int opcode, Class<?> owner)
        throws ReflectiveOperationException {
        MethodHandle access;
        switch (opcode) {
            case 0xb4: // getfield
                access = caller.findGetter(owner, name, type.returnType());
                break;
            case 0xb5: // putfield
                access = caller.findSetter(owner, name, type.parameterType(1));
                break;
            case 0xb2: // getstatic
                access = caller.findStaticGetter(owner, name, type.returnType());
                break;
            default: // putstatic
                access = caller.findStaticSetter(owner, name, type.parameterType(0));
                break;
        }
        boolean isStatic = opcode == 0xb2 || opcode == 0xb3;
        return new ConstantCallSite(orderer.bracketField(access.asType(type), isStatic ? owner : null));
    }
}
