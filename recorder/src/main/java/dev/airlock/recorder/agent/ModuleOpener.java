package dev.airlock.recorder.agent;

import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Grants the agent the JDK internals Chronicle and the runtime need, so users never add
 * {@code --add-opens} themselves. The grants go to the agent's own (unnamed) module only.
 */
public final class ModuleOpener {

    private static final String[] EXPORTS = {"jdk.internal.ref", "jdk.internal.misc", "jdk.internal.access", "sun.nio.ch"};
    private static final String[] OPENS = {"sun.nio.ch", "java.lang.reflect", "java.lang", "java.nio", "java.util",
        "java.io", "java.util.concurrent", "java.util.concurrent.locks"};

    private ModuleOpener() {
    }

    public static void openFor(Instrumentation inst, Module agent) {
        Module base = Object.class.getModule();
        Map<String, Set<Module>> exports = new HashMap<>();
        for (String p : EXPORTS) {
            exports.put(p, Set.of(agent));
        }
        Map<String, Set<Module>> opens = new HashMap<>();
        for (String p : OPENS) {
            opens.put(p, Set.of(agent));
        }
        inst.redefineModule(base, Set.of(), exports, opens, Set.of(), Map.of());
        ModuleLayer.boot().findModule("jdk.unsupported").ifPresent(unsupported ->
            inst.redefineModule(unsupported, Set.of(), Map.of("sun.misc", Set.of(agent)), Map.of("sun.misc", Set.of(agent)),
                Set.of(), Map.of()));
    }
}
