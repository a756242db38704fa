package dev.airlock.recorder.instrument;

import java.util.function.Consumer;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * A {@code synchronized} method made explicit, as both thread modes need it: the flag goes, and the
 * method takes its monitor ({@code this}, or its class if static) in code, gives it back before each
 * return, and has a handler over its whole body that gives it back and rethrows. The handler's frame
 * names only {@code this}, which no compiler reassigns in a synchronized method. How the monitor is
 * taken and given back is the mode's.
 */
final class SynchronizedBody {

    private final String className;
    private final boolean isStatic;
    private final boolean framesExpected;
    /** Where the handler's range starts: placed by the mode once the monitor is taken. */
    final Label bodyStart = new Label();

    SynchronizedBody(String className, int access, int classVersion) {
        this.className = className;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.framesExpected = classVersion >= Opcodes.V1_6;
    }

    /** The access flags a method is declared with once its monitor is in code. */
    static int access(int access) {
        return access & ~Opcodes.ACC_SYNCHRONIZED;
    }

    static boolean isSynchronized(int access) {
        return (access & Opcodes.ACC_SYNCHRONIZED) != 0;
    }

    void loadMonitor(MethodVisitor next) {
        if (isStatic) {
            next.visitLdcInsn(Type.getObjectType(className));
        } else {
            next.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    /** At the end of the method: the handler, which loads the monitor, lets {@code exit} give it back, rethrows. */
    void handler(MethodVisitor next, Consumer<MethodVisitor> exit) {
        rethrowingHandler(next, bodyStart, framesExpected, isStatic ? new Object[0] : new Object[] {className}, mv -> {
            loadMonitor(mv);
            exit.accept(mv);
        });
    }

    /**
     * At the end of a method: a handler for anything thrown from {@code start} on (last in the table, so
     * the method's own handlers come first) that runs {@code cleanUp} and rethrows. {@code locals} are
     * the frame's locals there: only those no code reassigns.
     */
    static void rethrowingHandler(MethodVisitor next, Label start, boolean framesExpected, Object[] locals,
                                  Consumer<MethodVisitor> cleanUp) {
        Label end = new Label();
        Label handler = new Label();
        next.visitLabel(end);
        next.visitTryCatchBlock(start, end, handler, null);
        next.visitLabel(handler);
        if (framesExpected) {
            next.visitFrame(Opcodes.F_FULL, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
        }
        cleanUp.accept(next);
        next.visitInsn(Opcodes.ATHROW);
    }
}
