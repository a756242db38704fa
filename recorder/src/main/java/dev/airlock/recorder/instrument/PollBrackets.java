package dev.airlock.recorder.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * In the thread that serves asynchronous channels on Linux ({@code EPollPort}'s event handler): its
 * wait in {@code epoll_wait} is bracketed so that the serial scheduler passes the turn on before the
 * thread waits for the outside world and waits for it after. Otherwise the thread would sit in native
 * code, running as far as the JVM can tell, with the turn every other thread waits for.
 */
final class PollBrackets extends MethodVisitor {

    static final String CLASS = "sun/nio/ch/EPollPort$EventHandlerTask";

    PollBrackets(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
        boolean poll = opcode == Opcodes.INVOKESTATIC && owner.equals("sun/nio/ch/EPoll") && name.equals("wait");
        if (poll) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, SchedulingPoints.TURNS, "blocking", "()V", false);
        }
        super.visitMethodInsn(opcode, owner, name, desc, isInterface);
        if (poll) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, SchedulingPoints.TURNS, "unblocked", "()V", false);
        }
    }
}
