package dev.airlock.recorder.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.bridge.Hooks;
import dev.airlock.bridge.Sink;
import dev.airlock.format.CallSite;
import dev.airlock.format.EventKind;
import dev.airlock.format.SiteRef;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

class CallSiteRewriterTest {

    private static final String ON_LONG = "INVOKESTATIC " + Bytecode.HOOKS + ".onLong(JI)J";
    private static final String ON_INT = "INVOKESTATIC " + Bytecode.HOOKS + ".onInt(II)I";
    private static final String ON_DOUBLE = "INVOKESTATIC " + Bytecode.HOOKS + ".onDouble(DI)D";
    private static final String ON_OBJECT = "INVOKESTATIC " + Bytecode.HOOKS + ".onObject(Ljava/lang/Object;I)Ljava/lang/Object;";
    private static final String MAIN_STARTING = "INVOKESTATIC " + Bytecode.HOOKS + ".mainStarting([Ljava/lang/String;)V";
    private static final String NANO_TIME = "INVOKESTATIC java/lang/System.nanoTime()J";

    private final FakeSiteRegistry registry = new FakeSiteRegistry();
    private final List<String> errors = new ArrayList<>();

    @AfterEach
    void uninstallSink() {
        Hooks.install(null);
    }

    private AirlockTransformer transformer(String mainClass) {
        return new AirlockTransformer(registry, mainClass, new AirlockTransformer.AgentSection() {
            @Override
            public void enter() {
            }

            @Override
            public void exit() {
            }
        }, (name, error) -> errors.add(name + ": " + error));
    }

    private byte[] rewrite(Class<?> fixture) {
        return rewrite(fixture, "some.other.Main");
    }

    private byte[] rewrite(Class<?> fixture, String mainClass) {
        return transformer(mainClass).rewrite(Type.getInternalName(fixture), Bytecode.of(fixture), false);
    }

    private static MethodNode method(byte[] bytes, String name, String descriptor) {
        return Bytecode.method(Bytecode.parse(bytes), name, descriptor);
    }

    private static int ref(CallSite site) {
        return SiteRef.of(site.id(), site.kind());
    }

    /** The source line of each {@code owner.name} call in the fixture as compiled, before rewriting. */
    private static List<Integer> originalLines(Class<?> fixture, String method, String descriptor, String owner,
                                               String name) {
        MethodNode original = Bytecode.method(Bytecode.parse(Bytecode.of(fixture)), method, descriptor);
        return Bytecode.linesOfCalls(original, owner, name);
    }

    @Test
    void nano_time_result_passes_through_on_long_with_its_site_ref() {
        byte[] out = rewrite(RewriteFixtures.Nanos.class);

        CallSite site = registry.only("now");
        assertEquals(List.of(NANO_TIME, "LDC " + SiteRef.of(site.id(), EventKind.NANO_TIME), ON_LONG, "LRETURN"),
            Bytecode.listing(method(out, "now", "()J")));
        assertEquals(new CallSite(site.id(), EventKind.NANO_TIME, RewriteFixtures.Nanos.class.getName(), "now", "()J", 0,
            originalLines(RewriteFixtures.Nanos.class, "now", "()J", "java/lang/System", "nanoTime").get(0),
            "RewriteFixtures.java"), site);
    }

    @Test
    void getenv_result_passes_through_on_object_and_is_cast_back_to_string() {
        byte[] out = rewrite(RewriteFixtures.Env.class);

        CallSite site = registry.only("get");
        assertEquals(EventKind.ENV_VAR, site.kind());
        assertEquals(List.of("ALOAD 0", "INVOKESTATIC java/lang/System.getenv(Ljava/lang/String;)Ljava/lang/String;",
                "LDC " + ref(site), ON_OBJECT, "CHECKCAST java/lang/String", "ARETURN"),
            Bytecode.listing(method(out, "get", "(Ljava/lang/String;)Ljava/lang/String;")));
    }

    @Test
    void math_random_result_passes_through_on_double() {
        byte[] out = rewrite(RewriteFixtures.Dice.class);

        CallSite site = registry.only("roll");
        assertEquals(EventKind.RANDOM_DOUBLE, site.kind());
        assertEquals(List.of("INVOKESTATIC java/lang/Math.random()D", "LDC " + ref(site), ON_DOUBLE, "DRETURN"),
            Bytecode.listing(method(out, "roll", "()D")));
    }

    @Test
    void available_processors_result_passes_through_on_int() {
        byte[] out = rewrite(RewriteFixtures.Cpus.class);

        CallSite site = registry.only("count");
        assertEquals(EventKind.AVAILABLE_PROCESSORS, site.kind());
        assertEquals(List.of("INVOKESTATIC java/lang/Runtime.getRuntime()Ljava/lang/Runtime;",
                "INVOKEVIRTUAL java/lang/Runtime.availableProcessors()I", "LDC " + ref(site), ON_INT, "IRETURN"),
            Bytecode.listing(method(out, "count", "()I")));
    }

    @Test
    void get_local_host_is_replaced_by_the_bridge_call_so_the_original_is_never_made() {
        byte[] out = rewrite(RewriteFixtures.Host.class);

        CallSite site = registry.only("local");
        assertEquals(EventKind.LOCAL_HOST, site.kind());
        List<String> listing = Bytecode.listing(method(out, "local", "()Ljava/net/InetAddress;"));
        assertEquals(List.of("LDC " + ref(site), "INVOKESTATIC " + Bytecode.HOOKS + ".localHost(I)Ljava/net/InetAddress;",
            "ARETURN"), listing);
        assertFalse(listing.stream().anyMatch(l -> l.contains("java/net/InetAddress.getLocalHost")), listing.toString());
    }

    @Test
    void two_captures_in_one_method_get_ordinals_zero_and_one_and_their_own_lines() {
        byte[] out = rewrite(RewriteFixtures.Elapsed.class);

        List<CallSite> sites = registry.in("elapsed");
        assertEquals(2, sites.size());
        List<Integer> lines = originalLines(RewriteFixtures.Elapsed.class, "elapsed", "()J", "java/lang/System",
            "nanoTime");
        assertEquals(2, lines.size());
        assertNotEquals(lines.get(0), lines.get(1));
        for (int i = 0; i < 2; i++) {
            CallSite site = sites.get(i);
            assertEquals(i, site.ordinal());
            assertEquals(lines.get(i), site.line());
            assertEquals("elapsed", site.method());
            assertEquals("()J", site.descriptor());
        }
        assertNotEquals(sites.get(0).id(), sites.get(1).id());
        MethodNode elapsed = method(out, "elapsed", "()J");
        assertEquals(List.of(NANO_TIME, "LDC " + ref(sites.get(0)), ON_LONG),
            Bytecode.around(elapsed, NANO_TIME, 0, 0, 2));
        assertEquals(List.of(NANO_TIME, "LDC " + ref(sites.get(1)), ON_LONG),
            Bytecode.around(elapsed, NANO_TIME, 1, 0, 2));
    }

    @Test
    void the_registry_hears_once_per_class_about_every_site_found_in_it() {
        rewrite(RewriteFixtures.Elapsed.class);
        rewrite(RewriteFixtures.Plain.class);

        // A class naming no captured method is passed over by the constant-pool scan, unvisited.
        assertEquals(List.of(registry.sites), registry.classes);
    }

    @Test
    void a_class_with_no_captured_calls_comes_back_unchanged() {
        assertNull(rewrite(RewriteFixtures.Plain.class));
        assertEquals(List.of(), registry.sites);
    }

    @Test
    void the_main_class_calls_main_starting_first_in_main_and_nowhere_else() {
        byte[] out = rewrite(RewriteFixtures.App.class, RewriteFixtures.App.class.getName());

        CallSite site = registry.only("main");
        assertEquals(List.of("ALOAD 0", MAIN_STARTING, NANO_TIME, "LDC " + ref(site), ON_LONG),
            Bytecode.listing(method(out, "main", "([Ljava/lang/String;)V")).subList(0, 5));
        assertEquals(List.of("main([Ljava/lang/String;)V: " + MAIN_STARTING, "main([Ljava/lang/String;)V: " + ON_LONG),
            Bytecode.hookCalls(Bytecode.parse(out)));
    }

    @Test
    void a_class_that_is_not_the_main_class_gets_no_main_starting() {
        byte[] out = rewrite(RewriteFixtures.App.class, RewriteFixtures.QuietApp.class.getName());

        assertEquals(List.of("main([Ljava/lang/String;)V: " + ON_LONG), Bytecode.hookCalls(Bytecode.parse(out)));
        assertNull(rewrite(RewriteFixtures.QuietApp.class, RewriteFixtures.App.class.getName()));
    }

    @Test
    void a_main_class_with_nothing_captured_is_still_rewritten_for_its_entry_hook() {
        byte[] out = rewrite(RewriteFixtures.QuietApp.class, RewriteFixtures.QuietApp.class.getName());

        assertNotNull(out);
        assertEquals(List.of("ALOAD 0", MAIN_STARTING),
            Bytecode.listing(method(out, "main", "([Ljava/lang/String;)V")).subList(0, 2));
        assertEquals(List.of(), registry.sites);
    }

    @Test
    void every_rewritten_fixture_passes_the_bytecode_verifier() {
        ClassLoader loader = getClass().getClassLoader();
        for (Class<?> fixture : List.of(RewriteFixtures.Nanos.class, RewriteFixtures.Elapsed.class,
            RewriteFixtures.Env.class, RewriteFixtures.Dice.class, RewriteFixtures.Cpus.class,
            RewriteFixtures.Host.class, RewriteFixtures.App.class, RewriteFixtures.QuietApp.class)) {
            byte[] out = rewrite(fixture, fixture.getName());
            assertEquals("", Bytecode.verify(out, loader), fixture.getName());
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void rewritten_classes_load_and_return_the_real_values_when_nothing_records() throws Exception {
        assertEquals(Sink.NONE, Hooks.installed());

        long before = System.nanoTime();
        long now = (long) call(RewriteFixtures.Nanos.class, "now");
        assertTrue(now >= before, now + " < " + before);
        assertTrue((long) call(RewriteFixtures.Elapsed.class, "elapsed") >= 0);
        assertEquals(System.getenv("PATH"), call(RewriteFixtures.Env.class, "get", "PATH"));
        assertNull(call(RewriteFixtures.Env.class, "get", "AIRLOCK_SURELY_UNSET_VARIABLE"));
        double roll = (double) call(RewriteFixtures.Dice.class, "roll");
        assertTrue(roll >= 0 && roll < 1, "roll " + roll);
        assertEquals(Runtime.getRuntime().availableProcessors(), call(RewriteFixtures.Cpus.class, "count"));
    }

    @Test
    void rewritten_classes_hand_each_value_to_the_sink_with_its_ref_and_return_what_it_gives_back() throws Exception {
        ScriptedSink sink = new ScriptedSink();
        Hooks.install(sink);

        assertEquals(7L, call(RewriteFixtures.Elapsed.class, "elapsed"));
        assertEquals("replayed:HOME", call(RewriteFixtures.Env.class, "get", "HOME"));
        assertEquals(0.25, call(RewriteFixtures.Dice.class, "roll"));
        assertEquals(3, call(RewriteFixtures.Cpus.class, "count"));
        InetAddress host = (InetAddress) call(RewriteFixtures.Host.class, "local");
        assertEquals("replayed-host", host.getHostName());

        List<CallSite> elapsed = registry.in("elapsed");
        assertEquals(List.of(ref(elapsed.get(0)), ref(elapsed.get(1)), ref(registry.only("get")),
            ref(registry.only("roll")), ref(registry.only("count")), ref(registry.only("local"))), sink.refs);
    }

    /** Rewrites the fixture, defines it in a throwaway loader and calls one of its static methods. */
    private Object call(Class<?> fixture, String method, Object... args) throws Exception {
        byte[] out = rewrite(fixture);
        Class<?> rewritten = ThrowawayLoader.define(fixture, out);
        assertNotEquals(fixture, rewritten);
        Class<?>[] types = new Class<?>[args.length];
        for (int i = 0; i < args.length; i++) {
            types[i] = args[i].getClass();
        }
        Method m = rewritten.getMethod(method, types);
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }
}
