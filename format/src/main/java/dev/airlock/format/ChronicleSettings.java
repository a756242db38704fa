package dev.airlock.format;

/**
 * The system properties that keep Chronicle local and quiet. Set before any Chronicle class loads,
 * by the recorder, the replayer and the CLI alike, so a recorded and a replayed run see the same ones.
 */
public final class ChronicleSettings {

    private static final String[][] PROPERTIES = {
        // Chronicle's usage analytics posts to Google Analytics; the module is also excluded from the build.
        {"chronicle.analytics.disable", "true"},
        // No banner or version announcement on the application's streams.
        {"chronicle.announcer.disable", "true"},
        // Resource tracing starts extra bookkeeping and can log from finalizers.
        {"jvm.resource.tracing", "false"},
        // Chronicle otherwise may try to bind threads to CPUs or look for native helpers.
        {"chronicle.disk.monitor.disable", "true"},
        {"disable.thread.safety", "true"},
    };

    private ChronicleSettings() {
    }

    public static void apply() {
        for (String[] p : PROPERTIES) {
            if (System.getProperty(p[0]) == null) {
                System.setProperty(p[0], p[1]);
            }
        }
    }
}
