package dev.airlock.recorder.instrument;

import java.util.Set;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Puts the monitors of {@code java.util.logging}'s {@code StreamHandler} and {@code FileHandler} (and so
 * {@code ConsoleHandler}'s) under {@code threads=ordered}: they lock themselves around writing a record
 * ({@code synchronized} methods on Java 17, a block on Java 21+), which decides whose record comes
 * first. These classes are loaded before the agent and a method's flag cannot be dropped when a loaded
 * class is rewritten, so the turn is taken with the monitor held: {@code Order.monitorHeld} right after
 * each {@code monitorenter} and at the start of a {@code synchronized} method. Replay waits for the turn
 * inside the monitor, giving it up meanwhile as {@code Object.wait} does.
 */
final class JdkMonitorTurns extends MethodVisitor {

    private static final Set<String> CLASSES = Set.of("java/util/logging/StreamHandler", "java/util/logging/FileHandler");

    private final String className;
    private final int access;

    JdkMonitorTurns(MethodVisitor next, String className, int access) {
        super(Opcodes.ASM9, next);
        this.className = className;
        this.access = access;
    }

    static boolean appliesTo(String className) {
        return CLASSES.contains(className);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            if ((access & Opcodes.ACC_STATIC) != 0) {
                super.visitLdcInsn(Type.getObjectType(className));
            } else {
                super.visitVarInsn(Opcodes.ALOAD, 0);
            }
            held();
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode != Opcodes.MONITORENTER) {
            super.visitInsn(opcode);
            return;
        }
        super.visitInsn(Opcodes.DUP);
        super.visitInsn(Opcodes.MONITORENTER);
        held();
    }

    private void held() {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, OrderPoints.ORDER, "monitorHeld", "(Ljava/lang/Object;)V", false);
    }
}
