package dev.airlock.recorder.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Makes each run of a fork-join task a logical thread of its own under {@code threads=ordered}: which
 * pool thread steals or pops which task is the pool's choice, made anew on replay, so a task's turns and
 * inputs cannot be the pool thread's. A work queue's {@code push} (and Java 17's {@code lockedPush}),
 * which every fork and submission goes through, starts by naming the task after the thread (or task)
 * that queues it ({@code Order.taskQueued}), and {@code ForkJoinTask.doExec} calls
 * {@code Order.execTask} in place of {@code exec()}, which runs the body as the task's thread. Every
 * pool, the common one included, runs its tasks through {@code doExec} (Java 17 to 25).
 *
 * <p>Java 17's {@code CompletableFuture} runs its async stages on a thread each when the common pool has
 * fewer than two threads ({@code ThreadPerTaskExecutor}): such a thread is the pool's, not the
 * application's, whichever thread happened to submit the stage, so its {@code execute} becomes
 * {@code Order.startPoolThread} (the stage's function is a logical thread of its own, see
 * {@code StageFunctionArguments}).
 */
final class ForkJoinTaskRuns extends MethodVisitor {

    static final String TASK = "java/util/concurrent/ForkJoinTask";
    static final String QUEUE = "java/util/concurrent/ForkJoinPool$WorkQueue";
    static final String THREAD_PER_TASK = "java/util/concurrent/CompletableFuture$ThreadPerTaskExecutor";

    private final boolean push;
    private final boolean doExec;

    private ForkJoinTaskRuns(MethodVisitor next, boolean push, boolean doExec) {
        super(Opcodes.ASM9, next);
        this.push = push;
        this.doExec = doExec;
    }

    static boolean appliesTo(String className) {
        return className.equals(TASK) || className.equals(QUEUE) || className.equals(THREAD_PER_TASK);
    }

    /** The rewriter of the method, or {@code next} itself when the method is not one it changes. */
    static MethodVisitor of(MethodVisitor next, String className, String name, String descriptor, int access) {
        if (className.equals(THREAD_PER_TASK) && name.equals("execute") && descriptor.equals("(Ljava/lang/Runnable;)V")) {
            return new PoolThreadStart(next);
        }
        Type[] args = Type.getArgumentTypes(descriptor);
        boolean push = className.equals(QUEUE) && (name.equals("push") || name.equals("lockedPush"))
            && (access & Opcodes.ACC_STATIC) == 0 && args.length > 0 && args[0].getInternalName().equals(TASK);
        boolean doExec = className.equals(TASK) && name.equals("doExec");
        return push || doExec ? new ForkJoinTaskRuns(next, push, doExec) : next;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (push) {
            super.visitVarInsn(Opcodes.ALOAD, 1);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, OrderPoints.ORDER, "taskQueued", "(Ljava/lang/Object;)V", false);
        }
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        if (doExec && opcode == Opcodes.INVOKEVIRTUAL && owner.equals(TASK) && name.equals("exec")
            && descriptor.equals("()Z")) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, OrderPoints.ORDER, "execTask",
                "(Ljava/util/concurrent/ForkJoinTask;)Z", false);
            return;
        }
        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
    }

    /** Replaces the body of {@code ThreadPerTaskExecutor.execute(Runnable)} with {@code Order.startPoolThread}. */
    private static final class PoolThreadStart extends MethodVisitor {
        private final MethodVisitor target;

        PoolThreadStart(MethodVisitor target) {
            super(Opcodes.ASM9, target);
            this.target = target;
        }

        @Override
        public void visitCode() {
            target.visitCode();
            target.visitVarInsn(Opcodes.ALOAD, 1);
            target.visitMethodInsn(Opcodes.INVOKESTATIC, OrderPoints.ORDER, "startPoolThread", "(Ljava/lang/Runnable;)V", false);
            target.visitInsn(Opcodes.RETURN);
            mv = null; // the original body is dropped
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            target.visitMaxs(1, 2);
        }

        @Override
        public void visitEnd() {
            target.visitEnd();
        }
    }
}
