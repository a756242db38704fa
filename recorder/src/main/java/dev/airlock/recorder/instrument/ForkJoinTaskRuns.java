package dev.airlock.recorder.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Makes each run of a fork-join task a logical thread of its own under {@code threads=ordered}: which
 * pool thread steals or pops which task is the pool's choice, made anew on replay, so a task's turns and
 * inputs cannot be the pool thread's. {@code ForkJoinTask}'s constructor ends by naming the task after
 * the thread (or task) that made it ({@code Order.taskMade}), and {@code doExec} calls
 * {@code Order.execTask} in place of {@code exec()}, which runs the body as the task's thread. Every
 * pool, the common one included, runs its tasks through {@code doExec} (Java 17 to 25).
 */
final class ForkJoinTaskRuns extends MethodVisitor {

    static final String CLASS = "java/util/concurrent/ForkJoinTask";

    private final boolean constructor;
    private final boolean doExec;

    private ForkJoinTaskRuns(MethodVisitor next, boolean constructor, boolean doExec) {
        super(Opcodes.ASM9, next);
        this.constructor = constructor;
        this.doExec = doExec;
    }

    /** The rewriter of the method, or {@code next} itself when the method is neither of the two. */
    static MethodVisitor of(MethodVisitor next, String name, String descriptor) {
        boolean constructor = name.equals("<init>") && descriptor.equals("()V");
        boolean doExec = name.equals("doExec");
        return constructor || doExec ? new ForkJoinTaskRuns(next, constructor, doExec) : next;
    }

    @Override
    public void visitInsn(int opcode) {
        if (constructor && opcode == Opcodes.RETURN) {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, OrderPoints.ORDER, "taskMade", "(Ljava/lang/Object;)V", false);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        if (doExec && opcode == Opcodes.INVOKEVIRTUAL && owner.equals(CLASS) && name.equals("exec")
            && descriptor.equals("()Z")) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, OrderPoints.ORDER, "execTask",
                "(Ljava/util/concurrent/ForkJoinTask;)Z", false);
            return;
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }
}
