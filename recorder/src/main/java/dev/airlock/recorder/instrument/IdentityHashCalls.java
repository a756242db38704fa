package dev.airlock.recorder.instrument;

import java.util.Set;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Sends {@code hashCode()} and {@code System.identityHashCode} calls to {@code Identity}
 * ({@code threads=serial}), in application classes and in the JDK classes that hash keys: identity hashes
 * differ from run to run (and move as soon as an agent runs), and a HashSet's order follows them.
 */
final class IdentityHashCalls extends MethodVisitor {

    private static final String IDENTITY = "dev/airlock/bridge/Identity";

    /**
     * JDK classes whose hashing of keys is rewritten, and {@code Object} (only its {@code toString}: the
     * {@code Job@1b6d3586} a program prints or logs). {@code ConcurrentHashMap} is not: the bridge
     * itself uses it.
     */
    static final Set<String> JDK_CLASSES = Set.of("java/util/HashMap", "java/util/Hashtable",
        "java/util/IdentityHashMap", "java/util/Objects", "java/lang/Object");

    /** Whether the method {@code name} of the JDK class {@code className} has its hashing rewritten. */
    static boolean appliesTo(String className, String name) {
        return JDK_CLASSES.contains(className) && (!className.equals("java/lang/Object") || name.equals("toString"));
    }

    IdentityHashCalls(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
        if (name.equals("hashCode") && desc.equals("()I")) {
            if (opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, IDENTITY, "hashCode", "(Ljava/lang/Object;)I", false);
                return;
            }
            if (opcode == Opcodes.INVOKESPECIAL && owner.equals("java/lang/Object")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, IDENTITY, "identityHashCode", "(Ljava/lang/Object;)I", false);
                return;
            }
        }
        if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/System") && name.equals("identityHashCode")) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, IDENTITY, "identityHashCode", "(Ljava/lang/Object;)I", false);
            return;
        }
        super.visitMethodInsn(opcode, owner, name, desc, isInterface);
    }
}
