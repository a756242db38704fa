package dev.airlock.recorder.snapshot;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Finds where a source line starts in a class's methods, and which arguments and locals hold a value
 * there. A line counts where it first appears in each method (as a debugger's line breakpoint does),
 * lambdas' synthetic methods included.
 *
 * <p>A variable is taken only when the local variable table says it is in scope and a frame analysis
 * agrees on its type at that instruction, so the injected loads always verify. Without a local
 * variable table ({@code javac} without {@code -g}) only the arguments are known, as {@code arg0...}.
 */
final class LineLocator {

    /** One argument or local: its name, descriptor and slot. */
    record Variable(String name, String descriptor, int slot, boolean argument) {
    }

    /**
     * Where {@code line} starts in one method: the instruction the snapshot goes before (its index in
     * the method's instruction list), whether {@code this} can be passed, and the live variables.
     */
    record Location(String method, String descriptor, int instruction, boolean hasThis, List<Variable> variables) {

        String signature() {
            return method + descriptor;
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            variables.forEach(v -> names.add(v.name()));
            return names;
        }
    }

    private LineLocator() {
    }

    static ClassNode read(byte[] classBytes) {
        ClassNode node = new ClassNode();
        new ClassReader(classBytes).accept(node, 0);
        return node;
    }

    /** Every method's location of {@code line}, in the class's method order; empty if no code has it. */
    static List<Location> locate(ClassNode owner, int line) {
        List<Location> found = new ArrayList<>();
        for (MethodNode m : owner.methods) {
            AbstractInsnNode at = firstInstructionOf(m, line);
            if (at != null) {
                found.add(describe(owner, m, at));
            }
        }
        return found;
    }

    /** The lowest and highest line numbers in the class, or null without line numbers. */
    static int[] lineRange(ClassNode owner) {
        int low = Integer.MAX_VALUE;
        int high = Integer.MIN_VALUE;
        for (MethodNode m : owner.methods) {
            for (AbstractInsnNode n : m.instructions) {
                if (n instanceof LineNumberNode ln) {
                    low = Math.min(low, ln.line);
                    high = Math.max(high, ln.line);
                }
            }
        }
        return low > high ? null : new int[] {low, high};
    }

    /** The first real instruction after the first line-number entry for {@code line}, or null. */
    static AbstractInsnNode firstInstructionOf(MethodNode m, int line) {
        if (m.instructions.size() == 0) {
            return null;
        }
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof LineNumberNode ln && ln.line == line) {
                AbstractInsnNode real = n.getNext();
                while (real != null && real.getOpcode() < 0) {
                    real = real.getNext();
                }
                return real;
            }
        }
        return null;
    }

    private static Location describe(ClassNode owner, MethodNode m, AbstractInsnNode at) {
        int index = m.instructions.indexOf(at);
        boolean isStatic = (m.access & Opcodes.ACC_STATIC) != 0;
        // Before the super constructor call 'this' is uninitialized and may not be passed anywhere.
        boolean hasThis = !isStatic && !m.name.equals("<init>");
        Frame<BasicValue> frame = frameAt(owner, m, index);
        List<Variable> variables = new ArrayList<>();
        // The packed size counts an implicit 'this' slot even for static methods.
        int argumentSlots = (Type.getArgumentsAndReturnSizes(m.desc) >> 2) - 1;
        int firstArgument = isStatic ? 0 : 1;
        if (m.localVariables != null && !m.localVariables.isEmpty()) {
            for (LocalVariableNode v : m.localVariables) {
                if (v.index == 0 && !isStatic) {
                    continue;
                }
                int from = m.instructions.indexOf(v.start);
                int to = m.instructions.indexOf(v.end);
                if (from <= index && index < to && agrees(frame, v.index, v.desc) && !named(variables, v.name)) {
                    variables.add(new Variable(v.name, v.desc, v.index, v.index < firstArgument + argumentSlots));
                }
            }
            variables.sort((a, b) -> Integer.compare(a.slot(), b.slot()));
        } else {
            int slot = firstArgument;
            Type[] arguments = Type.getArgumentTypes(m.desc);
            for (int i = 0; i < arguments.length; i++) {
                if (agrees(frame, slot, arguments[i].getDescriptor())) {
                    variables.add(new Variable("arg" + i, arguments[i].getDescriptor(), slot, true));
                }
                slot += arguments[i].getSize();
            }
        }
        return new Location(m.name, m.desc, index, hasThis, List.copyOf(variables));
    }

    private static boolean named(List<Variable> variables, String name) {
        for (Variable v : variables) {
            if (v.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Frame<BasicValue> frameAt(ClassNode owner, MethodNode m, int index) {
        try {
            Frame<BasicValue>[] frames = new Analyzer<>(new BasicInterpreter()).analyze(owner.name, m);
            return frames[index];
        } catch (AnalyzerException e) {
            return null;
        }
    }

    /** True when the analysed frame holds a value of the descriptor's kind in {@code slot}. */
    private static boolean agrees(Frame<BasicValue> frame, int slot, String descriptor) {
        if (frame == null || slot >= frame.getLocals()) {
            return false;
        }
        BasicValue value = frame.getLocal(slot);
        if (value == null || value.getType() == null) {
            return false;
        }
        Type expected = Type.getType(descriptor);
        BasicValue want = switch (expected.getSort()) {
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> BasicValue.INT_VALUE;
            case Type.FLOAT -> BasicValue.FLOAT_VALUE;
            case Type.LONG -> BasicValue.LONG_VALUE;
            case Type.DOUBLE -> BasicValue.DOUBLE_VALUE;
            default -> BasicValue.REFERENCE_VALUE;
        };
        return want.equals(value);
    }
}
