package dev.airlock.recorder.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * {@code Throwable.getOurStackTrace}, which {@code printStackTrace} and {@code getStackTrace} read, returns
 * its frames through {@code AgentFrames.visible}, so the traces a program prints or inspects have no
 * Airlock frames in them, as without Airlock. In every mode, recording and replay alike.
 */
final class HiddenAgentFrames extends MethodVisitor {

    static final String THROWABLE = "java/lang/Throwable";
    private static final String FRAMES = "[Ljava/lang/StackTraceElement;";

    HiddenAgentFrames(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    static boolean appliesTo(String className, String method, String descriptor) {
        return className.equals(THROWABLE) && method.equals("getOurStackTrace") && descriptor.equals("()" + FRAMES);
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.ARETURN) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, "dev/airlock/bridge/AgentFrames", "visible",
                "(" + FRAMES + ")" + FRAMES, false);
        }
        super.visitInsn(opcode);
    }
}
