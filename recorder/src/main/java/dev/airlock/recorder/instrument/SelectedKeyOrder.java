package dev.airlock.recorder.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Makes a selector's selected-key set a {@code LinkedHashSet} instead of a {@code HashSet}, in both
 * recording and replay. A {@code HashSet} of selection keys iterates in the order of their identity
 * hash codes, which differ from run to run, so a server would handle two ready connections in one
 * order when recorded and the other when replayed. Insertion order is the order the selector reported
 * them, which replay reproduces. The set's type as declared (and every use of it) is unchanged.
 */
final class SelectedKeyOrder extends MethodVisitor {

    static final String SELECTOR = "sun/nio/ch/SelectorImpl";

    SelectedKeyOrder(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    /** Only the selector's constructors create the set. */
    static boolean applies(String className, String method) {
        return SELECTOR.equals(className) && "<init>".equals(method);
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        super.visitTypeInsn(opcode, opcode == Opcodes.NEW && "java/util/HashSet".equals(type) ? "java/util/LinkedHashSet" : type);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
        boolean construct = opcode == Opcodes.INVOKESPECIAL && "java/util/HashSet".equals(owner) && "<init>".equals(name);
        super.visitMethodInsn(opcode, construct ? "java/util/LinkedHashSet" : owner, name, descriptor, isInterface);
    }
}
