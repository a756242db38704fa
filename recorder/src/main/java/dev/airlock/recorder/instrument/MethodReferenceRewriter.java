package dev.airlock.recorder.instrument;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Method references to captured methods ({@code System::currentTimeMillis}, {@code Math::random}) would
 * call them from a class the JVM spins at run time, which no transformer sees. This rewriter points such
 * a lambda at a small synthetic method of the same class that makes the call, so the call is rewritten
 * like any other. Application classes only, since it adds methods.
 */
final class MethodReferenceRewriter extends MethodVisitor {

    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";

    /** A synthetic bridge method still to be emitted for one rewritten method reference. */
    record Synthetic(String name, String descriptor, Handle target, int line) {

        void emit(MethodVisitor mv) {
            mv.visitCode();
            if (line > 0) {
                Label start = new Label();
                mv.visitLabel(start);
                mv.visitLineNumber(line, start);
            }
            int slot = 0;
            for (Type arg : Type.getArgumentTypes(descriptor)) {
                mv.visitVarInsn(arg.getOpcode(Opcodes.ILOAD), slot);
                slot += arg.getSize();
            }
            // stack: the reference's receiver (if any) and arguments
            int opcode = target.getTag() == Opcodes.H_INVOKESTATIC ? Opcodes.INVOKESTATIC
                : target.getTag() == Opcodes.H_INVOKEINTERFACE ? Opcodes.INVOKEINTERFACE : Opcodes.INVOKEVIRTUAL;
            mv.visitMethodInsn(opcode, target.getOwner(), target.getName(), target.getDesc(), target.isInterface());
            // stack: the captured method's result, rewritten to pass through the bridge
            mv.visitInsn(Type.getReturnType(descriptor).getOpcode(Opcodes.IRETURN));
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
    }

    private final String className;
    private final boolean ownerIsInterface;
    private final List<Synthetic> synthetics;
    private final CapturePolicy policy;
    private int line = -1;

    MethodReferenceRewriter(MethodVisitor next, String className, boolean ownerIsInterface, List<Synthetic> synthetics,
                            CapturePolicy policy) {
        super(Opcodes.ASM9, next);
        this.policy = policy;
        this.className = className;
        this.ownerIsInterface = ownerIsInterface;
        this.synthetics = synthetics;
    }

    @Override
    public void visitLineNumber(int lineNumber, Label start) {
        line = lineNumber;
        super.visitLineNumber(lineNumber, start);
    }

    @Override
    public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
        if (METAFACTORY.equals(bootstrap.getOwner()) && args.length >= 3 && args[1] instanceof Handle
            && !serializable(bootstrap, args)) {
            Handle target = (Handle) args[1];
            Handle replacement = replacementFor(target);
            if (replacement != null) {
                Object[] changed = args.clone();
                changed[1] = replacement;
                super.visitInvokeDynamicInsn(name, descriptor, bootstrap, changed);
                return;
            }
        }
        super.visitInvokeDynamicInsn(name, descriptor, bootstrap, args);
    }

    /**
     * A serializable lambda is left alone: javac's {@code $deserializeLambda$} checks the implementation
     * method by name, so pointing it elsewhere would break deserialization.
     */
    private static boolean serializable(Handle bootstrap, Object[] args) {
        return bootstrap.getName().equals("altMetafactory") && args.length > 3 && args[3] instanceof Integer
            && ((Integer) args[3] & java.lang.invoke.LambdaMetafactory.FLAG_SERIALIZABLE) != 0;
    }

    private Handle replacementFor(Handle target) {
        int tag = target.getTag();
        if (tag != Opcodes.H_INVOKESTATIC && tag != Opcodes.H_INVOKEVIRTUAL && tag != Opcodes.H_INVOKEINTERFACE) {
            return null;
        }
        CaptureRule rule = CaptureRules.forApplicationCall(target.getOwner(), target.getName(), target.getDesc());
        if (rule == null || !policy.records(rule.kind())) {
            return null;
        }
        String descriptor = tag == Opcodes.H_INVOKESTATIC ? target.getDesc()
            : "(" + Type.getObjectType(target.getOwner()).getDescriptor() + target.getDesc().substring(1);
        String name = "airlock$ref$" + synthetics.size();
        synthetics.add(new Synthetic(name, descriptor, target, line));
        return new Handle(Opcodes.H_INVOKESTATIC, className, name, descriptor, ownerIsInterface);
    }
}
