package dev.airlock.recorder.runtime;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells application threads from the JVM's own and the agent's. Only application threads record or
 * replay events. JDK-internal threads (Reference Handler, Finalizer, Signal Dispatcher, Common-Cleaner,
 * Attach Listener, JDWP and compiler threads) live in the system thread group or are innocuous threads.
 * The agent's threads, and its dependencies' (Chronicle starts a resource releaser and registers a
 * shutdown hook), are claimed by id: those alive or registered when the agent finished starting, and
 * any started by agent code afterwards.
 */
public final class AppThreads {

    /** Every thread the agent starts itself carries this name prefix. */
    public static final String AGENT_PREFIX = "airlock-";

    private static final ThreadGroup SYSTEM = systemGroup();
    private static final Set<Long> AGENT = ConcurrentHashMap.newKeySet();

    private AppThreads() {
    }

    private static ThreadGroup systemGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g != null && g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }

    @SuppressWarnings("deprecation")
    public static boolean isApplication(Thread t) {
        if (AGENT.contains(t.getId()) || t.getName().startsWith(AGENT_PREFIX)) {
            return false;
        }
        if (t.getClass().getName().equals("jdk.internal.misc.InnocuousThread")) {
            return false;
        }
        ThreadGroup group = t.getThreadGroup();
        return group != null && group != SYSTEM;
    }

    @SuppressWarnings("deprecation")
    public static boolean isAgent(Thread t) {
        return AGENT.contains(t.getId());
    }

    /** {@code Thread.activeCount()} as a run without the agent would answer: the agent's threads left out. */
    public static int activeCount() {
        Thread[] group = new Thread[Thread.activeCount() + 8];
        int n = Thread.enumerate(group);
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (!isAgent(group[i])) {
                count++;
            }
        }
        return count;
    }

    @SuppressWarnings("deprecation")
    public static void markAgent(Thread t) {
        AGENT.add(t.getId());
    }

    /**
     * Claims every thread alive now except {@code main}, and every shutdown hook registered so far: at the
     * end of the agent's start, all of them are the agent's or the JVM's. Returns their names.
     */
    public static List<String> claimExisting(Thread main) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t != main) {
                markAgent(t);
                names.add(t.getName());
            }
        }
        for (Thread hook : registeredShutdownHooks()) {
            markAgent(hook);
            names.add("shutdown hook " + hook.getName());
        }
        return names;
    }

    private static List<Thread> registeredShutdownHooks() {
        List<Thread> hooks = new ArrayList<>();
        try {
            Class<?> type = Class.forName("java.lang.ApplicationShutdownHooks");
            Field field = type.getDeclaredField("hooks");
            field.setAccessible(true);
            Object map = field.get(null);
            if (map instanceof Map) {
                synchronized (type) {
                    for (Object k : ((Map<?, ?>) map).keySet()) {
                        hooks.add((Thread) k);
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Without access the hooks count as the application's; a replay may then report them.
        }
        return hooks;
    }
}
