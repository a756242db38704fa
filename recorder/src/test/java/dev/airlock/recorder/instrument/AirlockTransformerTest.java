package dev.airlock.recorder.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;

class AirlockTransformerTest {

    private final FakeSiteRegistry registry = new FakeSiteRegistry();
    private final List<String> errors = new ArrayList<>();
    private final List<String> section = new ArrayList<>();
    private final ClassLoader appLoader = getClass().getClassLoader();

    private final AirlockTransformer transformer = new AirlockTransformer(registry, null,
        new AirlockTransformer.AgentSection() {
            @Override
            public void enter() {
                section.add("enter");
            }

            @Override
            public void exit() {
                section.add("exit");
            }
        }, (name, error) -> errors.add(name + ": " + error.getClass().getSimpleName()));

    private static final byte[] NANOS = Bytecode.of(RewriteFixtures.Nanos.class);

    @Test
    void an_application_class_is_rewritten_inside_an_agent_section() {
        assertNotNull(transformer.transform(null, appLoader, "com/example/Nanos", null, null, NANOS));
        assertEquals(List.of("enter", "exit"), section);
        assertEquals(1, registry.sites.size());
    }

    @Test
    void airlocks_own_classes_and_other_agents_are_never_rewritten() {
        for (String name : List.of(Type.getInternalName(RewriteFixtures.Nanos.class), "dev/airlock/bridge/Hooks",
            "dev/airlock/format/JournalWriter", "dev/airlock/shaded/asm/ClassReader",
            "net/bytebuddy/agent/Installer", "io/opentelemetry/javaagent/OpenTelemetryAgent",
            "org/jacoco/agent/rt/RT", "java/lang/FakeOnAppLoader", "jdk/internal/Thing", "sun/misc/Thing")) {
            assertNull(transformer.transform(null, appLoader, name, null, null, NANOS), name);
        }
        assertEquals(List.of(), section);
        assertEquals(List.of(), registry.sites);
    }

    @Test
    void a_jdk_class_is_looked_at_only_when_a_rule_or_entry_hook_names_it() {
        assertNull(transformer.transform(null, null, "java/util/HashMap", null, null,
            Bytecode.ofJdk("java/util/HashMap")));
        assertEquals(List.of(), section);
        assertNotNull(transformer.transform(null, null, "java/util/Random", null, null,
            Bytecode.ofJdk("java/util/Random")));
        assertTrue(AirlockTransformer.isJdkTarget(java.util.Random.class));
        assertTrue(AirlockTransformer.isJdkTarget(Thread.class));
        assertTrue(!AirlockTransformer.isJdkTarget(java.util.HashMap.class));
    }

    @Test
    void a_class_that_cannot_be_rewritten_is_left_untouched_and_reported() {
        byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61, 1, 2, 3};

        assertNull(transformer.transform(null, appLoader, "com/example/Broken", null, null, garbage));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("com/example/Broken: "), errors.toString());
        assertEquals(List.of("enter", "exit"), section, "the agent section is left even after a failure");
    }

    @Test
    void a_class_without_a_name_is_ignored() {
        assertNull(transformer.transform(null, appLoader, null, null, null, NANOS));
        assertEquals(List.of(), section);
    }
}
