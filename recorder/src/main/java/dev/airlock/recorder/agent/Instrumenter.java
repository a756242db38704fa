package dev.airlock.recorder.agent;

import dev.airlock.recorder.instrument.AirlockTransformer;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;

/** Installs the transformer and rewrites the JDK classes that were loaded before the agent started. */
public final class Instrumenter {

    private Instrumenter() {
    }

    public static void install(Instrumentation inst, AirlockTransformer transformer) throws UnmodifiableClassException {
        inst.addTransformer(transformer, true);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            if (c.getClassLoader() == null && AirlockTransformer.isJdkTarget(c) && inst.isModifiableClass(c)) {
                loaded.add(c);
            }
        }
        if (!loaded.isEmpty()) {
            inst.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
        AgentLog.info("instrumentation installed; retransformed " + loaded.size() + " loaded JDK classes");
    }
}
