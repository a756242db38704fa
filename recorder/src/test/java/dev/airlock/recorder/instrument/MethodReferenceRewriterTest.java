package dev.airlock.recorder.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.airlock.bridge.Hooks;
import dev.airlock.format.CallSite;
import dev.airlock.format.EventKind;
import dev.airlock.format.SiteRef;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

class MethodReferenceRewriterTest {

    private static final String CAPTURED = Type.getInternalName(MethodReferenceFixtures.Captured.class);
    private static final int SYNTHETIC_BRIDGE = Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;

    private final FakeSiteRegistry registry = new FakeSiteRegistry();
    private final List<String> errors = new ArrayList<>();

    @AfterEach
    void uninstallSink() {
        Hooks.install(null);
    }

    private byte[] rewrite(Class<?> fixture) {
        AirlockTransformer transformer = new AirlockTransformer(registry, null, new AirlockTransformer.AgentSection() {
            @Override
            public void enter() {
            }

            @Override
            public void exit() {
            }
        }, (name, error) -> errors.add(name + ": " + error));
        return transformer.rewrite(Type.getInternalName(fixture), Bytecode.of(fixture), false);
    }

    /** The implementation handle of the only lambda made in {@code method}. */
    private static Handle lambdaTarget(ClassNode type, String method, String descriptor) {
        Handle found = null;
        for (AbstractInsnNode insn : Bytecode.method(type, method, descriptor).instructions) {
            if (insn instanceof InvokeDynamicInsnNode indy) {
                assertNull(found, "one lambda in " + method);
                found = (Handle) indy.bsmArgs[1];
            }
        }
        assertNotNull(found, "a lambda in " + method);
        return found;
    }

    private static int ref(CallSite site) {
        return SiteRef.of(site.id(), site.kind());
    }

    /** Checks the reference now targets a private static bridge in the class and returns that bridge. */
    private static MethodNode bridgeOf(ClassNode type, String method, String descriptor, String bridgeDescriptor) {
        Handle target = lambdaTarget(type, method, descriptor);
        assertEquals(Opcodes.H_INVOKESTATIC, target.getTag());
        assertEquals(type.name, target.getOwner());
        assertEquals(bridgeDescriptor, target.getDesc());
        MethodNode bridge = Bytecode.method(type, target.getName(), target.getDesc());
        assertEquals(SYNTHETIC_BRIDGE, bridge.access);
        return bridge;
    }

    @Test
    void a_static_method_reference_goes_through_a_bridge_whose_call_is_captured() {
        ClassNode out = Bytecode.parse(rewrite(MethodReferenceFixtures.Captured.class));

        MethodNode bridge = bridgeOf(out, "nanos", "()J", "()J");
        CallSite site = registry.only(bridge.name);
        assertEquals(EventKind.NANO_TIME, site.kind());
        assertEquals(List.of("INVOKESTATIC java/lang/System.nanoTime()J", "LDC " + ref(site),
            "INVOKESTATIC " + Bytecode.HOOKS + ".onLong(JI)J", "LRETURN"), Bytecode.listing(bridge));

        MethodNode diceBridge = bridgeOf(out, "dice", "()D", "()D");
        assertEquals(List.of("INVOKESTATIC java/lang/Math.random()D", "LDC " + ref(registry.only(diceBridge.name)),
            "INVOKESTATIC " + Bytecode.HOOKS + ".onDouble(DI)D", "DRETURN"), Bytecode.listing(diceBridge));
    }

    @Test
    void a_bound_or_unbound_instance_method_reference_passes_its_receiver_to_the_bridge() {
        ClassNode out = Bytecode.parse(rewrite(MethodReferenceFixtures.Captured.class));

        MethodNode cpus = bridgeOf(out, "cpus", "()I", "(Ljava/lang/Runtime;)I");
        assertEquals(List.of("ALOAD 0", "INVOKEVIRTUAL java/lang/Runtime.availableProcessors()I",
                "LDC " + ref(registry.only(cpus.name)), "INVOKESTATIC " + Bytecode.HOOKS + ".onInt(II)I", "IRETURN"),
            Bytecode.listing(cpus));

        MethodNode pid = bridgeOf(out, "pid", "(Ljava/lang/ProcessHandle;)J", "(Ljava/lang/ProcessHandle;)J");
        assertEquals(List.of("ALOAD 0", "INVOKEINTERFACE java/lang/ProcessHandle.pid()J",
                "LDC " + ref(registry.only(pid.name)), "INVOKESTATIC " + Bytecode.HOOKS + ".onLong(JI)J", "LRETURN"),
            Bytecode.listing(pid));
    }

    @Test
    void the_bridge_site_carries_the_line_of_the_method_reference() {
        byte[] original = Bytecode.of(MethodReferenceFixtures.Captured.class);
        ClassNode out = Bytecode.parse(rewrite(MethodReferenceFixtures.Captured.class));

        MethodNode bridge = bridgeOf(out, "nanos", "()J", "()J");
        int referenceLine = -1;
        for (AbstractInsnNode insn : Bytecode.method(Bytecode.parse(original), "nanos", "()J").instructions) {
            if (insn instanceof org.objectweb.asm.tree.LineNumberNode line && referenceLine < 0) {
                referenceLine = line.line;
            }
        }
        CallSite site = registry.only(bridge.name);
        assertEquals(referenceLine, site.line());
        assertEquals(0, site.ordinal());
        assertEquals(MethodReferenceFixtures.Captured.class.getName(), site.className());
    }

    @Test
    void a_reference_to_a_method_nothing_captures_is_left_alone() {
        assertNull(rewrite(MethodReferenceFixtures.Uncaptured.class));

        ClassNode out = Bytecode.parse(rewrite(MethodReferenceFixtures.Captured.class));
        Handle text = lambdaTarget(out, "text", "(Ljava/lang/Object;)Ljava/lang/String;");
        assertEquals("java/lang/String.valueOf(Ljava/lang/Object;)Ljava/lang/String;",
            text.getOwner() + "." + text.getName() + text.getDesc());
        assertEquals(4, out.methods.stream().filter(m -> (m.access & Opcodes.ACC_SYNTHETIC) != 0
            && m.name.startsWith("airlock$")).count(), "one bridge per captured reference");
    }

    @Test
    void rewritten_references_verify_and_hand_their_values_to_the_sink() throws Exception {
        byte[] out = rewrite(MethodReferenceFixtures.Captured.class);
        assertEquals("", Bytecode.verify(out, getClass().getClassLoader()));
        Class<?> captured = ThrowawayLoader.define(MethodReferenceFixtures.Captured.class, out);
        ScriptedSink sink = new ScriptedSink();
        Hooks.install(sink);

        assertEquals(1_000L, invoke(captured, "nanos"));
        assertEquals(0.25, invoke(captured, "dice"));
        assertEquals(3, invoke(captured, "cpus"));
        assertEquals(1_007L, captured.getMethod("pid", ProcessHandle.class).invoke(null, ProcessHandle.current()));
        assertEquals("x", captured.getMethod("text", Object.class).invoke(null, "x"));

        ClassNode node = Bytecode.parse(out);
        List<Integer> expected = new ArrayList<>();
        for (String[] m : new String[][] {{"nanos", "()J"}, {"dice", "()D"}, {"cpus", "()I"},
            {"pid", "(Ljava/lang/ProcessHandle;)J"}}) {
            expected.add(ref(registry.only(lambdaTarget(node, m[0], m[1]).getName())));
        }
        assertEquals(expected, sink.refs);
        assertEquals(List.of(), errors);
    }

    @Test
    void a_reference_inside_an_interface_gets_a_private_interface_bridge() throws Exception {
        byte[] out = rewrite(MethodReferenceFixtures.Timed.class);
        ClassNode node = Bytecode.parse(out);

        Handle target = lambdaTarget(node, "now", "()J");
        assertEquals(true, target.isInterface());
        assertEquals(SYNTHETIC_BRIDGE, Bytecode.method(node, target.getName(), target.getDesc()).access);
        assertEquals("", Bytecode.verify(out, getClass().getClassLoader()));

        Hooks.install(new ScriptedSink());
        assertEquals(1_000L, invoke(ThrowawayLoader.define(MethodReferenceFixtures.Timed.class, out), "now"));
    }

    private static Object invoke(Class<?> type, String method) throws Exception {
        try {
            return type.getMethod(method).invoke(null);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }
}
