package dev.airlock.recorder.agent;

/**
 * Registers the agent's final hook so it runs after every application shutdown hook has finished:
 * through the JDK's system hook slots when the agent may use them, else as an ordinary hook.
 */
public final class ShutdownHooks {

    /** Slots 0-2 are the console, the application's hooks and delete-on-exit; later slots run after them. */
    private static final int SLOT = 7;

    private ShutdownHooks() {
    }

    public static String registerLast(Runnable hook) {
        try {
            Class<?> secrets = Class.forName("jdk.internal.access.SharedSecrets");
            Object jla = secrets.getMethod("getJavaLangAccess").invoke(null);
            Class<?> jlaType = Class.forName("jdk.internal.access.JavaLangAccess");
            jlaType.getMethod("registerShutdownHook", int.class, boolean.class, Runnable.class)
                .invoke(jla, SLOT, false, hook);
            return "system slot " + SLOT;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Thread t = new Thread(hook, "airlock-shutdown");
            Runtime.getRuntime().addShutdownHook(t);
            return "ordinary shutdown hook (" + e + ")";
        }
    }
}
