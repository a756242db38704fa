package dev.airlock.recorder.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * In {@code threads=serial}, the wrappers of {@code Collections.synchronized*}: their monitor
 * instructions go to {@code Turns}. Application monitors are the scheduler's, so for
 * {@code synchronized (list) { iterate }} to keep out another thread's {@code list.add}, the wrapper's
 * own {@code synchronized (mutex)} must take the scheduler's monitor too.
 *
 * <p>Only classes that synchronize in blocks: a {@code synchronized} method ({@code Vector},
 * {@code Hashtable}) of a class loaded before the agent cannot lose its flag when retransformed, and
 * taking the scheduler's monitor after the JVM's would invert the order an application's block takes
 * them in (a deadlock); whether such a class was loaded first could differ between recording and replay.
 */
final class JdkMonitors extends MethodVisitor {

    private static final String WRAPPERS = "java/util/Collections$Synchronized";

    JdkMonitors(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    static boolean appliesTo(String className) {
        return className.startsWith(WRAPPERS);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, SchedulingPoints.TURNS,
                opcode == Opcodes.MONITORENTER ? "monitorEnter" : "monitorExit", "(Ljava/lang/Object;)V", false);
            return;
        }
        super.visitInsn(opcode);
    }
}
