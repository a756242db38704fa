package dev.airlock.recorder.instrument;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Puts one application method under the serial scheduler ({@code threads=serial}): a scheduling point
 * at its entry and before every backward jump, so a spinning loop cannot keep the turn (with
 * {@code preempt=memory} also before every field and array element access, so the recorder can switch
 * threads inside a {@code count++}); its monitor
 * instructions, its own monitor if it is {@code synchronized}, and its calls of {@code wait},
 * {@code notify}, {@code sleep}, {@code join}, {@code yield}, {@code onSpinWait} and {@code holdsLock} go
 * to {@code Turns}.
 *
 * <p>A {@code synchronized} method takes and gives back the scheduler's monitor in code
 * ({@link SynchronizedBody}).
 */
final class SchedulingPoints extends MethodVisitor {

    static final String TURNS = "dev/airlock/bridge/Turns";

    private static final org.objectweb.asm.Handle SYNCHRONIZED_CALL = new org.objectweb.asm.Handle(Opcodes.H_INVOKESTATIC,
        TURNS, "synchronizedCall", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;", false);
    private final String className;
    private final String superName;
    /** Null unless the method is {@code synchronized}. */
    private final SynchronizedBody body;
    private final Set<Label> seen = new HashSet<>();
    /** {@code preempt=memory}: this class's final fields, whose reads need no point; else null (no memory points). */
    private final Set<String> ownFinalFields;

    /** A class initializer: it says when it starts and ends (see {@code Scheduler.initializing}). */
    private final boolean initializer;
    private final boolean framesExpected;
    /** {@code invokedynamic} needs class files of Java 7 or later. */
    private final boolean linksCalls;
    private final Label initializerStart = new Label();

    SchedulingPoints(MethodVisitor next, String className, String superName, String name, int access,
                     int classVersion, Set<String> ownFinalFields) {
        super(Opcodes.ASM9, next);
        this.className = className;
        this.superName = superName;
        this.ownFinalFields = ownFinalFields;
        this.body = SynchronizedBody.isSynchronized(access) ? new SynchronizedBody(className, access, classVersion) : null;
        this.initializer = name.equals("<clinit>");
        this.framesExpected = classVersion >= Opcodes.V1_6;
        this.linksCalls = classVersion >= Opcodes.V1_7;
    }

    private static void initializing(MethodVisitor next, boolean starts) {
        next.visitInsn(starts ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
        next.visitMethodInsn(Opcodes.INVOKESTATIC, TURNS, "initializing", "(Z)V", false);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (initializer) {
            initializing(mv, true);
            super.visitLabel(initializerStart);
        }
        if (body != null) {
            body.loadMonitor(mv);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, TURNS, "monitorEnter", "(Ljava/lang/Object;)V", false);
            super.visitLabel(body.bodyStart);
        }
        point();
    }

    private void point() {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, TURNS, "point", "()V", false);
    }

    @Override
    public void visitLabel(Label label) {
        seen.add(label);
        super.visitLabel(label);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        if (seen.contains(label)) {
            point();
        }
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
        if (ownFinalFields != null && !readsOwnFinal(opcode, owner, name)) {
            point();
        }
        super.visitFieldInsn(opcode, owner, name, descriptor);
    }

    /** A read of a final field of this class: no other thread changes it, so no point is needed. */
    private boolean readsOwnFinal(int opcode, String owner, String name) {
        return (opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC) && owner.equals(className)
            && ownFinalFields.contains(name);
    }

    private static boolean isArrayAccess(int opcode) {
        return opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD || opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE;
    }

    @Override
    public void visitInsn(int opcode) {
        if (ownFinalFields != null && isArrayAccess(opcode)) {
            point();
        }
        switch (opcode) {
            case Opcodes.MONITORENTER:
                super.visitMethodInsn(Opcodes.INVOKESTATIC, TURNS, "monitorEnter", "(Ljava/lang/Object;)V", false);
                return;
            case Opcodes.MONITOREXIT:
                super.visitMethodInsn(Opcodes.INVOKESTATIC, TURNS, "monitorExit", "(Ljava/lang/Object;)V", false);
                return;
            case Opcodes.IRETURN:
            case Opcodes.LRETURN:
            case Opcodes.FRETURN:
            case Opcodes.DRETURN:
            case Opcodes.ARETURN:
            case Opcodes.RETURN:
                if (body != null) {
                    body.loadMonitor(mv);
                    exitMonitor(mv);
                }
                if (initializer) {
                    initializing(mv, false);
                }
                break;
            default:
                break;
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
        boolean thread = owner.equals("java/lang/Thread") || owner.equals(className) && "java/lang/Thread".equals(superName);
        if (callTurns(mv, opcode, owner, name, desc, thread)) {
            return;
        }
        if (linksCalls && OrderPoints.synchronizesInside(opcode, owner, name, desc)) {
            // Vector.add, Hashtable.put...: the JVM's monitor inside, which an application block (the
            // scheduler's monitor) would not keep out; the call site takes the scheduler's too
            super.visitInvokeDynamicInsn(name, "(L" + owner + ";" + desc.substring(1), SYNCHRONIZED_CALL);
            return;
        }
        super.visitMethodInsn(opcode, owner, name, desc, isInterface);
    }

    /**
     * Emits the {@code Turns} call that replaces a call of {@code Object.wait/notify/notifyAll} or, when
     * {@code thread} (the call names {@code Thread} or a subclass), of its {@code sleep}, {@code join},
     * {@code yield}, {@code onSpinWait} or {@code holdsLock}; false, emitting nothing, for any other call.
     */
    static boolean callTurns(MethodVisitor next, int opcode, String owner, String name, String desc, boolean thread) {
        String bridge = replacement(opcode, name, desc, thread);
        if (bridge == null) {
            return false;
        }
        next.visitInsn(Opcodes.ICONST_0);
        // stack: the call's receiver (if any) and arguments, then a site number the bridge ignores
        String args = desc.substring(1, desc.indexOf(')'));
        String receiver = opcode == Opcodes.INVOKESTATIC ? "" : owner.equals("java/lang/Object") || isObjectMethod(name)
            ? "Ljava/lang/Object;" : "Ljava/lang/Thread;";
        next.visitMethodInsn(Opcodes.INVOKESTATIC, TURNS, bridge,
            "(" + receiver + args + "I)" + desc.substring(desc.indexOf(')') + 1), false);
        return true;
    }

    private static boolean isObjectMethod(String name) {
        return name.equals("wait") || name.equals("notify") || name.equals("notifyAll");
    }

    /** The {@code Turns} method that replaces this call, or null when it stays. */
    private static String replacement(int opcode, String name, String desc, boolean thread) {
        if (opcode != Opcodes.INVOKESTATIC && isObjectMethod(name)) {
            // final in Object: whatever class the call names, this is Object's method
            if (name.equals("wait") && (desc.equals("()V") || desc.equals("(J)V") || desc.equals("(JI)V"))) {
                return "wait";
            }
            return desc.equals("()V") ? name : null;
        }
        if (!thread) {
            return null;
        }
        if (opcode == Opcodes.INVOKESTATIC) {
            switch (name + desc) {
                case "sleep(J)V":
                case "sleep(JI)V":
                case "sleep(Ljava/time/Duration;)V":
                    return "sleep";
                case "yield()V":
                    return "yield";
                case "onSpinWait()V":
                    return "onSpinWait";
                case "holdsLock(Ljava/lang/Object;)Z":
                    return "holdsLock";
                default:
                    return null;
            }
        }
        switch (name + desc) {
            case "join()V":
            case "join(J)V":
            case "join(JI)V":
            case "join(Ljava/time/Duration;)Z":
                return "join";
            default:
                return null;
        }
    }

    private static void exitMonitor(MethodVisitor next) {
        next.visitMethodInsn(Opcodes.INVOKESTATIC, TURNS, "monitorExit", "(Ljava/lang/Object;)V", false);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (body != null) {
            body.handler(mv, SchedulingPoints::exitMonitor);
        }
        if (initializer) {
            // an initializer that throws has ended too
            SynchronizedBody.rethrowingHandler(mv, initializerStart, framesExpected, new Object[0],
                next -> initializing(next, false));
        }
        super.visitMaxs(maxStack, maxLocals);
    }
}
