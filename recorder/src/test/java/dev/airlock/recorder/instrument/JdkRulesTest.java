package dev.airlock.recorder.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.format.CallSite;
import dev.airlock.format.EventKind;
import dev.airlock.format.SiteRef;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

class JdkRulesTest {

    private static final String ON_LONG = "INVOKESTATIC " + Bytecode.HOOKS + ".onLong(JI)J";
    private static final String ON_OBJECT = "INVOKESTATIC " + Bytecode.HOOKS + ".onObject(Ljava/lang/Object;I)Ljava/lang/Object;";
    private static final String ON_FILLED = "INVOKESTATIC " + Bytecode.HOOKS + ".onFilled([BI)V";

    private final FakeSiteRegistry registry = new FakeSiteRegistry();
    private final List<String> errors = new ArrayList<>();

    private byte[] rewrite(String internalName) {
        AirlockTransformer transformer = new AirlockTransformer(registry, null, new AirlockTransformer.AgentSection() {
            @Override
            public void enter() {
            }

            @Override
            public void exit() {
            }
        }, (name, error) -> errors.add(name + ": " + error));
        return transformer.rewrite(internalName, Bytecode.ofJdk(internalName), true);
    }

    /** Rewrites a JDK class that must change, checks it verifies, and returns it parsed. */
    private ClassNode rewritten(String internalName) {
        byte[] out = rewrite(internalName);
        assertNotNull(out, internalName + " was not rewritten");
        assertEquals("", Bytecode.verify(out, ClassLoader.getSystemClassLoader()), internalName);
        assertEquals(List.of(), errors);
        return Bytecode.parse(out);
    }

    private static int ref(CallSite site) {
        return SiteRef.of(site.id(), site.kind());
    }

    /** JDK sites carry the class with dots, the enclosing method and its ordinal. */
    private static void assertSite(CallSite site, String className, String method, String descriptor, int ordinal,
                                   EventKind kind) {
        assertEquals(className, site.className());
        assertEquals(method, site.method());
        assertEquals(descriptor, site.descriptor());
        assertEquals(ordinal, site.ordinal());
        assertEquals(kind, site.kind());
    }

    @Test
    void new_random_passes_its_computed_seed_through_on_long_before_the_seeded_constructor() {
        ClassNode random = rewritten("java/util/Random");

        CallSite site = registry.only("<init>");
        assertSite(site, "java.util.Random", "<init>", "()V", 0, EventKind.RANDOM_SEED);
        MethodNode init = Bytecode.method(random, "<init>", "()V");
        assertEquals(List.of("LDC " + ref(site), ON_LONG, "INVOKESPECIAL java/util/Random.<init>(J)V"),
            Bytecode.around(init, "java/util/Random.<init>(J)V", 0, 2, 0));
        assertEquals(List.of("<init>()V: " + ON_LONG), Bytecode.hookCalls(random), "nothing else in Random changes");
    }

    @Test
    void system_clock_instant_passes_current_instant_through_on_object_and_millis_through_on_long() {
        ClassNode clock = rewritten("java/time/Clock$SystemClock");

        CallSite instantSite = registry.only("instant");
        assertSite(instantSite, "java.time.Clock$SystemClock", "instant", "()Ljava/time/Instant;", 0, EventKind.INSTANT);
        MethodNode instant = Bytecode.method(clock, "instant", "()Ljava/time/Instant;");
        List<String> around = Bytecode.around(instant, ".currentInstant()Ljava/time/Instant;", 0, 0, 3);
        assertEquals(List.of("LDC " + ref(instantSite), ON_OBJECT, "CHECKCAST java/time/Instant"),
            around.subList(1, 4));

        CallSite millisSite = registry.only("millis");
        assertSite(millisSite, "java.time.Clock$SystemClock", "millis", "()J", 0, EventKind.CLOCK_MILLIS);
        MethodNode millis = Bytecode.method(clock, "millis", "()J");
        assertEquals(List.of("INVOKESTATIC java/lang/System.currentTimeMillis()J", "LDC " + ref(millisSite), ON_LONG),
            Bytecode.around(millis, "currentTimeMillis", 0, 0, 2));
    }

    @Test
    void secure_random_next_bytes_hands_the_filled_array_to_on_filled_after_each_engine_call() {
        ClassNode secure = rewritten("java/security/SecureRandom");

        MethodNode nextBytes = Bytecode.method(secure, "nextBytes", "([B)V");
        List<CallSite> sites = registry.in("nextBytes").stream().filter(s -> s.descriptor().equals("([B)V")).toList();
        assertEquals(Bytecode.listing(nextBytes).stream().filter(l -> l.contains("engineNextBytes")).count(),
            sites.size());
        assertFalse(sites.isEmpty());
        for (int i = 0; i < sites.size(); i++) {
            assertSite(sites.get(i), "java.security.SecureRandom", "nextBytes", "([B)V", i, EventKind.SECURE_RANDOM_BYTES);
            assertEquals(List.of("INVOKEVIRTUAL java/security/SecureRandomSpi.engineNextBytes([B)V", "ALOAD 1",
                    "LDC " + ref(sites.get(i)), ON_FILLED),
                Bytecode.around(nextBytes, "engineNextBytes([B)V", i, 0, 3));
        }

    }

    @Test
    void secure_random_generate_seed_passes_each_engine_result_through_on_object_cast_back_to_bytes() {
        ClassNode secure = rewritten("java/security/SecureRandom");

        MethodNode generateSeed = Bytecode.method(secure, "generateSeed", "(I)[B");
        List<CallSite> sites = registry.in("generateSeed");
        assertEquals(Bytecode.listing(generateSeed).stream().filter(l -> l.contains("engineGenerateSeed")).count(),
            sites.size());
        assertFalse(sites.isEmpty());
        for (int i = 0; i < sites.size(); i++) {
            assertSite(sites.get(i), "java.security.SecureRandom", "generateSeed", "(I)[B", i,
                EventKind.SECURE_RANDOM_SEED);
            assertEquals(List.of("INVOKEVIRTUAL java/security/SecureRandomSpi.engineGenerateSeed(I)[B",
                    "LDC " + ref(sites.get(i)), ON_OBJECT, "CHECKCAST [B"),
                Bytecode.around(generateSeed, "engineGenerateSeed", i, 0, 3));
        }
    }

    @Test
    void thread_local_random_local_init_takes_its_seed_from_the_sink() {
        ClassNode tlr = rewritten("java/util/concurrent/ThreadLocalRandom");

        CallSite site = registry.only("localInit");
        assertSite(site, "java.util.concurrent.ThreadLocalRandom", "localInit", "()V", 0,
            EventKind.THREAD_LOCAL_RANDOM_SEED);
        MethodNode localInit = Bytecode.method(tlr, "localInit", "()V");
        String seed = "INVOKESTATIC dev/airlock/bridge/Hooks.threadLocalSeed(JI)J";
        assertFalse(Bytecode.listing(localInit).toString().contains("mixMurmur64"), "the sink makes the seed");
        assertTrue(Bytecode.listing(localInit).contains(seed), Bytecode.listing(localInit).toString());
        String randomId = "nextSeed()J: INVOKESTATIC dev/airlock/bridge/Hooks.randomThreadId(Ljava/lang/Thread;I)J";
        assertEquals(List.of("localInit()V: " + seed, randomId), Bytecode.hookCalls(tlr));
        assertFalse(Bytecode.listing(Bytecode.method(tlr, "nextSeed", "()J")).toString().contains("java/lang/Thread.getId"),
            "the JVM's thread id, which differs on replay, is no longer added to the seed");
    }

    @Test
    void thread_start_and_uncaught_dispatch_begin_with_their_entry_hooks() {
        ClassNode thread = rewritten("java/lang/Thread");

        assertEquals(List.of("ALOAD 0", "INVOKESTATIC " + Bytecode.HOOKS + ".threadStarting(Ljava/lang/Thread;)V"),
            Bytecode.listing(Bytecode.method(thread, "start", "()V")).subList(0, 2));
        assertEquals(List.of("ALOAD 0", "ALOAD 1",
                "INVOKESTATIC " + Bytecode.HOOKS + ".uncaught(Ljava/lang/Thread;Ljava/lang/Throwable;)V"),
            Bytecode.listing(Bytecode.method(thread, "dispatchUncaughtException", "(Ljava/lang/Throwable;)V"))
                .subList(0, 3));
        // run() and exit() tell the serial scheduler where a thread's turns begin and end
        assertEquals(List.of("INVOKESTATIC " + Bytecode.HOOKS + ".threadRunning()V"),
            Bytecode.listing(Bytecode.method(thread, "run", "()V")).subList(0, 1));
        assertEquals(List.of("INVOKESTATIC " + Bytecode.HOOKS + ".threadExiting()V"),
            Bytecode.listing(Bytecode.method(thread, "exit", "()V")).subList(0, 1));
        List<String> calls = Bytecode.hookCalls(thread);
        List<String> numbers = calls.stream().filter(c -> c.endsWith("onInt(II)I")).toList();
        assertEquals(4, calls.size() - numbers.size(), calls.toString());
        // the number of a default name (Thread-3), drawn where the constructors or genThreadName draw it
        assertFalse(numbers.isEmpty(), calls.toString());
        assertEquals(numbers.size(), registry.sites.size(), registry.sites.toString());
        assertFalse(registry.sites.stream().anyMatch(s -> s.kind() != EventKind.THREAD_NUMBER), registry.sites.toString());
    }

    @Test
    void file_output_stream_writes_report_their_bytes_on_entry() {
        ClassNode stream = rewritten("java/io/FileOutputStream");

        assertEquals(List.of("ALOAD 0", "ALOAD 1", "ILOAD 2", "ILOAD 3",
                "INVOKESTATIC " + Bytecode.HOOKS + ".written(Ljava/io/FileOutputStream;[BII)V"),
            Bytecode.listing(Bytecode.method(stream, "write", "([BII)V")).subList(0, 5));
        assertEquals(List.of("ALOAD 0", "ILOAD 1", "INVOKESTATIC " + Bytecode.HOOKS + ".written(Ljava/io/FileOutputStream;I)V"),
            Bytecode.listing(Bytecode.method(stream, "write", "(I)V")).subList(0, 3));
    }

    @Test
    void a_jdk_class_outside_the_rules_comes_back_unchanged() {
        assertNull(rewrite("java/util/HashMap"));
        assertNull(rewrite("java/lang/System"), "System itself is left alone: its callers are rewritten");
        assertEquals(List.of(), registry.sites);
    }

    @Test
    void jdk_methods_without_a_rule_in_a_listed_class_keep_their_captured_calls_untouched() {
        ClassNode random = rewritten("java/util/Random");

        // seedUniquifier() ^ System.nanoTime() stays as it is: the seed is captured after it is mixed.
        List<String> init = Bytecode.listing(Bytecode.method(random, "<init>", "()V"));
        assertEquals(1, init.stream().filter(l -> l.equals("INVOKESTATIC java/lang/System.nanoTime()J")).count());
        assertEquals(List.of(), errors);
    }
}
