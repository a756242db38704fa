package dev.airlock.recorder.snapshot;

import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Puts snapshot calls into a class: before the first instruction of a line, a straight-line sequence
 * {@code SnapshotHooks.hit(id, this, new Object[] {arg, local, ...})}. It adds no branch and no local,
 * so the class's stack map frames stay valid as they are and nothing needs the class hierarchy; only
 * the maximum stack depth is recomputed.
 */
final class SnapshotInjector {

    static final String HOOKS = "dev/airlock/bridge/SnapshotHooks";
    static final String HIT_DESCRIPTOR = "(ILjava/lang/Object;[Ljava/lang/Object;)V";

    private SnapshotInjector() {
    }

    /** One line to instrument: the snapshot id for each method signature that has it. */
    record Placement(int line, Map<String, Integer> idBySignature) {
    }

    /** The class with every placement's calls in it. Locations are found again in these very bytes. */
    static byte[] inject(byte[] classBytes, List<Placement> placements) {
        ClassNode owner = LineLocator.read(classBytes);
        for (Placement p : placements) {
            for (LineLocator.Location location : LineLocator.locate(owner, p.line())) {
                Integer id = p.idBySignature().get(location.signature());
                if (id != null) {
                    MethodNode m = method(owner, location.signature());
                    AbstractInsnNode before = m.instructions.get(location.instruction());
                    m.instructions.insertBefore(before, call(id, location));
                }
            }
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        owner.accept(writer);
        return writer.toByteArray();
    }

    private static MethodNode method(ClassNode owner, String signature) {
        for (MethodNode m : owner.methods) {
            if (signature.equals(m.name + m.desc)) {
                return m;
            }
        }
        throw new IllegalStateException("no method " + signature);
    }

    private static InsnList call(int id, LineLocator.Location location) {
        InsnList code = new InsnList();
        code.add(new LdcInsnNode(id));
        code.add(location.hasThis() ? new VarInsnNode(Opcodes.ALOAD, 0) : new InsnNode(Opcodes.ACONST_NULL));
        List<LineLocator.Variable> variables = location.variables();
        code.add(pushInt(variables.size()));
        code.add(new TypeInsnNode(Opcodes.ANEWARRAY, "java/lang/Object"));
        for (int i = 0; i < variables.size(); i++) {
            LineLocator.Variable v = variables.get(i);
            Type type = Type.getType(v.descriptor());
            code.add(new InsnNode(Opcodes.DUP));
            code.add(pushInt(i));
            code.add(new VarInsnNode(type.getOpcode(Opcodes.ILOAD), v.slot()));
            box(code, type);
            code.add(new InsnNode(Opcodes.AASTORE));
        }
        code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, "hit", HIT_DESCRIPTOR, false));
        return code;
    }

    private static AbstractInsnNode pushInt(int n) {
        if (n <= 5) {
            return new InsnNode(Opcodes.ICONST_0 + n);
        }
        return n <= Byte.MAX_VALUE ? new IntInsnNode(Opcodes.BIPUSH, n) : new IntInsnNode(Opcodes.SIPUSH, n);
    }

    private static void box(InsnList code, Type type) {
        String boxed = switch (type.getSort()) {
            case Type.BOOLEAN -> "java/lang/Boolean";
            case Type.CHAR -> "java/lang/Character";
            case Type.BYTE -> "java/lang/Byte";
            case Type.SHORT -> "java/lang/Short";
            case Type.INT -> "java/lang/Integer";
            case Type.FLOAT -> "java/lang/Float";
            case Type.LONG -> "java/lang/Long";
            case Type.DOUBLE -> "java/lang/Double";
            default -> null;
        };
        if (boxed != null) {
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, boxed, "valueOf",
                "(" + type.getDescriptor() + ")L" + boxed + ";", false));
        }
    }
}
