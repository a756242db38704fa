package dev.airlock.recorder.instrument;

/**
 * Decides which classes the transformer looks at. Application and library classes: all of them, except
 * Airlock's own and other agents'. JDK classes: only those named in {@link CaptureRules},
 * {@link EntryHooks} and the thread modes' rewriters, and {@code Throwable} ({@link HiddenAgentFrames}).
 */
final class ClassFilter {

    private static final String[] NEVER = {
        // ourselves, shaded dependencies included (but not the examples, which are applications)
        "dev/airlock/bridge/", "dev/airlock/format/", "dev/airlock/recorder/", "dev/airlock/replayer/",
        "dev/airlock/shaded/",
        "java/", "javax/", "jdk/", "sun/", "com/sun/", // JDK classes that reach an app loader (rare)
        "net/bytebuddy/agent/", // other agents' bootstraps
        "io/opentelemetry/javaagent/",
        "org/jacoco/agent/rt/",
    };

    private ClassFilter() {
    }

    static boolean isJdkTarget(String className) {
        return CaptureRules.jdkClasses().contains(className) || EntryHooks.classes().contains(className)
            || className.equals(HiddenAgentFrames.THROWABLE)
            || CaptureRules.serialThreads() && (BlockingBrackets.appliesTo(className) || JdkMonitors.appliesTo(className))
            || CaptureRules.orderedThreads() && (JdkClassOrder.appliesTo(className) || JdkMonitorTurns.appliesTo(className))
            || dev.airlock.recorder.runtime.TaskThreads.enabled() && ForkJoinTaskRuns.appliesTo(className)
            || CaptureRules.threadsRewritten() && IdentityHashCalls.JDK_CLASSES.contains(className);
    }

    static boolean isApplicationTarget(String className) {
        for (String prefix : NEVER) {
            if (className.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }
}
