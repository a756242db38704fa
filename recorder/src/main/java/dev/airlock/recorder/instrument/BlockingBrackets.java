package dev.airlock.recorder.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * In {@code threads=serial}, the JDK's waits that the scheduler cannot see otherwise are bracketed so
 * that the thread passes the turn on before it blocks and waits for it after:
 * <ul>
 * <li>every park in {@code LockSupport}, of a thread platform or virtual: all of
 * {@code java.util.concurrent}'s blocking (locks, queues, futures, latches, pools) parks there;</li>
 * <li>the {@code epoll_wait} of the thread that serves asynchronous channels on Linux
 * ({@code EPollPort}'s event handler), which would otherwise sit in native code, running as far as the
 * JVM can tell, with the turn every other thread waits for.</li>
 * </ul>
 */
final class BlockingBrackets extends MethodVisitor {

    private static final String LOCK_SUPPORT = "java/util/concurrent/locks/LockSupport";
    private static final String EPOLL_PORT = "sun/nio/ch/EPollPort$EventHandlerTask";

    private final boolean lockSupport;

    BlockingBrackets(MethodVisitor next, String className) {
        super(Opcodes.ASM9, next);
        this.lockSupport = className.equals(LOCK_SUPPORT);
    }

    static boolean appliesTo(String className) {
        return className.equals(LOCK_SUPPORT) || className.equals(EPOLL_PORT);
    }

    private boolean blocks(int opcode, String owner, String name) {
        if (lockSupport) {
            return name.equals("park") && owner.equals("jdk/internal/misc/Unsafe")
                || name.equals("parkVirtualThread") && owner.equals("jdk/internal/access/JavaLangAccess");
        }
        return opcode == Opcodes.INVOKESTATIC && owner.equals("sun/nio/ch/EPoll") && name.equals("wait");
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
        boolean blocks = blocks(opcode, owner, name);
        if (blocks) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, SchedulingPoints.TURNS, "blocking", "()V", false);
        }
        super.visitMethodInsn(opcode, owner, name, desc, isInterface);
        if (blocks) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, SchedulingPoints.TURNS, "unblocked", "()V", false);
        }
    }
}
