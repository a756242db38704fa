package dev.airlock.recorder.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.util.CheckClassAdapter;
import org.objectweb.asm.util.Printer;

/** Reads class files and lists their instructions as text, so tests compare what a visitor emitted. */
final class Bytecode {

    static final String HOOKS = "dev/airlock/bridge/Hooks";

    private Bytecode() {
    }

    /** The class file of a class on the test classpath. */
    static byte[] of(Class<?> type) {
        return read(type.getResourceAsStream("/" + Type.getInternalName(type) + ".class"), type.getName());
    }

    /** The class file of a JDK class, as the JVM would hand it to a transformer. */
    static byte[] ofJdk(String internalName) {
        try {
            Module module = Class.forName(internalName.replace('/', '.'), false, null).getModule();
            return read(module.getResourceAsStream(internalName + ".class"), internalName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no class " + internalName, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(InputStream in, String what) {
        if (in == null) {
            throw new IllegalStateException("no class file for " + what);
        }
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code type}'s class file as the agent rewrites an application class; any rewrite error goes to {@code errors}. */
    static byte[] rewriteApplicationClass(Class<?> type, SiteRegistry registry, java.util.List<String> errors) {
        AirlockTransformer transformer = new AirlockTransformer(registry, "some.Main", new AirlockTransformer.AgentSection() {
            @Override
            public void enter() {
            }

            @Override
            public void exit() {
            }
        }, (name, error) -> errors.add(name + ": " + error));
        return transformer.rewrite(org.objectweb.asm.Type.getInternalName(type), of(type), false);
    }

    /**
     * A JDK class as the agent rewrites it (in the modes {@code CaptureRules} is set to), checked to be
     * a target, rewritten, error-free and verifiable; parsed.
     */
    static ClassNode rewriteJdkClass(String internalName) {
        java.util.List<String> errors = new java.util.ArrayList<>();
        AirlockTransformer transformer = new AirlockTransformer(new FakeSiteRegistry(), null,
            new AirlockTransformer.AgentSection() {
                @Override
                public void enter() {
                }

                @Override
                public void exit() {
                }
            }, (name, error) -> errors.add(name + ": " + error));
        org.junit.jupiter.api.Assertions.assertTrue(ClassFilter.isJdkTarget(internalName), internalName);
        byte[] out = transformer.rewrite(internalName, ofJdk(internalName), true);
        org.junit.jupiter.api.Assertions.assertNotNull(out, internalName + " is rewritten");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), errors);
        org.junit.jupiter.api.Assertions.assertEquals("", verify(out, null));
        return parse(out);
    }

    static ClassNode parse(byte[] bytes) {
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, 0);
        return node;
    }

    static MethodNode method(ClassNode type, String name, String descriptor) {
        for (MethodNode m : type.methods) {
            if (m.name.equals(name) && m.desc.equals(descriptor)) {
                return m;
            }
        }
        throw new AssertionError(type.name + " has no method " + name + descriptor);
    }

    /** The method's instructions, one line each; labels, line numbers and frames left out. */
    static List<String> listing(MethodNode method) {
        List<String> out = new ArrayList<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() >= 0) {
                out.add(render(insn));
            }
        }
        return out;
    }

    static String render(AbstractInsnNode insn) {
        String op = Printer.OPCODES[insn.getOpcode()];
        if (insn instanceof MethodInsnNode m) {
            return op + " " + m.owner + "." + m.name + m.desc;
        }
        if (insn instanceof LdcInsnNode ldc) {
            return op + " " + (ldc.cst instanceof String s ? '"' + s + '"' : String.valueOf(ldc.cst));
        }
        if (insn instanceof TypeInsnNode t) {
            return op + " " + t.desc;
        }
        if (insn instanceof VarInsnNode v) {
            return op + " " + v.var;
        }
        if (insn instanceof IntInsnNode i) {
            return op + " " + i.operand;
        }
        if (insn instanceof IincInsnNode i) {
            return op + " " + i.var + " " + i.incr;
        }
        return op;
    }

    /** The listing lines from {@code before} instructions ahead of the n-th match to {@code after} past it. */
    static List<String> around(MethodNode method, String match, int occurrence, int before, int after) {
        List<String> listing = listing(method);
        int seen = 0;
        for (int i = 0; i < listing.size(); i++) {
            if (listing.get(i).contains(match) && seen++ == occurrence) {
                return listing.subList(Math.max(0, i - before), Math.min(listing.size(), i + after + 1));
            }
        }
        throw new AssertionError("no occurrence " + occurrence + " of " + match + " in " + listing);
    }

    /** Every bridge call in the class, as {@code method: instruction}. */
    static List<String> hookCalls(ClassNode type) {
        List<String> out = new ArrayList<>();
        for (MethodNode m : type.methods) {
            for (String line : listing(m)) {
                if (line.contains(HOOKS + ".")) {
                    out.add(m.name + m.desc + ": " + line);
                }
            }
        }
        return out;
    }

    /** The source line of each call to {@code owner.name} in the method, in order. */
    static List<Integer> linesOfCalls(MethodNode method, String owner, String name) {
        List<Integer> lines = new ArrayList<>();
        int line = -1;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof LineNumberNode l) {
                line = l.line;
            } else if (insn instanceof MethodInsnNode m && m.owner.equals(owner) && m.name.equals(name)) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** What ASM's verifier says about the class; empty when it verifies. */
    static String verify(byte[] bytes, ClassLoader loader) {
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), loader, false, new PrintWriter(out));
        return out.toString();
    }
}
