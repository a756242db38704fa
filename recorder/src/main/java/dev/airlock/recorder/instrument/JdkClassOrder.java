package dev.airlock.recorder.instrument;

import java.util.Set;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Puts the JDK's lock-based blocking queues and its thread pool under {@code threads=ordered}: in
 * {@code ArrayBlockingQueue}, {@code LinkedBlockingQueue}, {@code LinkedBlockingDeque},
 * {@code PriorityBlockingQueue}, {@code DelayQueue} (and their iterators), {@code ThreadPoolExecutor} and
 * {@code CyclicBarrier},
 * the calls that take a {@code ReentrantLock}, wait on its conditions or read and update an
 * {@code AtomicInteger} (a queue's count, a pool's state and worker count) become static calls to
 * {@code Order}, which orders them as an application's own. So which consumer takes which element,
 * when a pool's workers see it shut down, and which thread reaches a barrier last (its arrival index,
 * who runs the barrier's action), is the recording's on replay.
 *
 * <p>Static calls, not {@code invokedynamic} as in application classes: linking a call site runs JDK
 * code that may itself use these queues.
 */
final class JdkClassOrder extends MethodVisitor {

    private static final String[] QUEUES = {"java/util/concurrent/ArrayBlockingQueue",
        "java/util/concurrent/LinkedBlockingQueue", "java/util/concurrent/LinkedBlockingDeque",
        "java/util/concurrent/PriorityBlockingQueue", "java/util/concurrent/DelayQueue",
        "java/util/concurrent/ThreadPoolExecutor", "java/util/concurrent/CyclicBarrier"};
    private static final String LOCK = "java/util/concurrent/locks/ReentrantLock";
    private static final String CONDITION = "java/util/concurrent/locks/Condition";
    private static final String COUNT = "java/util/concurrent/atomic/AtomicInteger";
    private static final Set<String> LOCK_CALLS = Set.of("lock()V", "lockInterruptibly()V");
    private static final Set<String> CONDITION_CALLS = Set.of("await()V", "awaitNanos(J)J");
    private static final Set<String> COUNT_CALLS = Set.of("get()I", "set(I)V", "getAndIncrement()I",
        "getAndDecrement()I", "getAndAdd(I)I", "getAndSet(I)I", "addAndGet(I)I", "compareAndSet(II)Z");

    JdkClassOrder(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /** Whether {@code className} is one of the classes or a class nested in one. */
    static boolean appliesTo(String className) {
        for (String q : QUEUES) {
            if (className.startsWith(q) && (className.length() == q.length() || className.charAt(q.length()) == '$')) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
        String call = name + desc;
        boolean ordered = opcode == Opcodes.INVOKEVIRTUAL && owner.equals(LOCK) && LOCK_CALLS.contains(call)
            || opcode == Opcodes.INVOKEINTERFACE && owner.equals(CONDITION) && CONDITION_CALLS.contains(call)
            || opcode == Opcodes.INVOKEVIRTUAL && owner.equals(COUNT) && COUNT_CALLS.contains(call);
        if (!ordered) {
            super.visitMethodInsn(opcode, owner, name, desc, isInterface);
            return;
        }
        String prefix = owner.equals(COUNT) ? "count" : "";
        String method = prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        super.visitMethodInsn(Opcodes.INVOKESTATIC, OrderPoints.ORDER, method, "(L" + owner + ";" + desc.substring(1),
            false);
    }
}
