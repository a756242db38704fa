package dev.airlock.recorder.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * In {@code LockSupport}: every park of a thread (platform or virtual) is bracketed so that the serial
 * scheduler passes the turn on before the thread blocks and waits for it after. All of
 * {@code java.util.concurrent}'s blocking (locks, queues, futures, latches, pools) parks here.
 */
final class ParkBrackets extends MethodVisitor {

    static final String CLASS = "java/util/concurrent/locks/LockSupport";

    ParkBrackets(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
        boolean park = name.equals("park") && owner.equals("jdk/internal/misc/Unsafe")
            || name.equals("parkVirtualThread") && owner.equals("jdk/internal/access/JavaLangAccess");
        if (park) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, SchedulingPoints.TURNS, "blocking", "()V", false);
        }
        super.visitMethodInsn(opcode, owner, name, desc, isInterface);
        if (park) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, SchedulingPoints.TURNS, "unblocked", "()V", false);
        }
    }
}
