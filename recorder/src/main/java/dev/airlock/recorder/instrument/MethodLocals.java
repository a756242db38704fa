package dev.airlock.recorder.instrument;

import java.util.HashMap;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A first pass over a class for {@link OrderPoints}: per method (name plus descriptor), its local
 * variable count as compiled and how many monitor entries it has.
 */
final class MethodLocals {

    record Counts(int maxLocals, int monitorEntries) {
    }

    static final Counts NONE = new Counts(0, 0);

    private MethodLocals() {
    }

    static Map<String, Counts> of(ClassReader reader) {
        Map<String, Counts> counts = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    private int entries;

                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.MONITORENTER) {
                            entries++;
                        }
                    }

                    @Override
                    public void visitMaxs(int maxStack, int maxLocals) {
                        counts.put(name + descriptor, new Counts(maxLocals, entries));
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return counts;
    }
}
