package dev.airlock.recorder.runtime;

/**
 * {@code threads=serial}: where a turn's holder was blocked out of the scheduler's sight when its turn
 * was ended for it (a revoked turn), as a hash of its top frames outside Airlock. The recording writes
 * it; replay ends the replayed holder's turn when it is blocked at the same place, not at the first
 * place it happens to block briefly on the way (JDK code runs on with no scheduling point, so an early
 * end lets the next holder race it).
 */
public final class BlockedAt {

    private static final int FRAMES = 6;

    private BlockedAt() {
    }

    /** The hash of {@code thread}'s place; never 0, which stands for "not recorded". */
    public static int of(Thread thread) {
        return of(thread.getStackTrace());
    }

    /** The hash of the place a thread's stack shows. */
    public static int of(StackTraceElement[] stack) {
        int h = 1;
        int n = 0;
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith("dev.airlock.")) {
                continue;
            }
            h = 31 * (31 * (31 * h + stableName(f.getClassName()).hashCode()) + f.getMethodName().hashCode())
                + f.getLineNumber();
            if (++n == FRAMES) {
                break;
            }
        }
        return h == 0 ? 1 : h;
    }

    /**
     * A class name as every run spells it: a lambda's class is numbered in the order lambdas are first
     * linked ({@code Main$$Lambda$241/0x00007fda2814fa50}), which agent work changes; its owner stays.
     */
    static String stableName(String className) {
        int lambda = className.indexOf("$$Lambda");
        int hidden = className.indexOf('/');
        int cut = lambda >= 0 ? lambda : hidden;
        return cut >= 0 ? className.substring(0, cut) : className;
    }

    /** The top frames of a stack, for the agent's log. */
    public static String describe(StackTraceElement[] stack) {
        return java.util.Arrays.toString(java.util.Arrays.copyOf(stack, Math.min(8, stack.length)));
    }
}
