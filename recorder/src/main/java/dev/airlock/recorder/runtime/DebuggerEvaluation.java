package dev.airlock.recorder.runtime;

/**
 * The thread a debugger is running an expression on, or null. An IDE evaluates {@code toString()} for its
 * variables view and whatever the analyst types by invoking methods on a suspended thread; what those
 * methods ask for (a clock, a random draw, a turn, an identity hash) is not in the recording and must
 * neither consume recorded values nor change the schedule. While this names the calling thread,
 * {@link ThreadStates#current()} treats it as a thread outside the application, so every source runs
 * live for it.
 *
 * <p>Nothing in the agent writes this field: {@code airlock replay --debug} relays the debugger's
 * connection and sets it over JDWP ({@code ClassType.SetValues}) just before each method invocation the
 * debugger asks for, and clears it when the invocation returns. The name and type are therefore part
 * of that protocol.
 */
public final class DebuggerEvaluation {

    /** JDWP signature of this class, as the relay looks it up. */
    public static final String SIGNATURE = "Ldev/airlock/recorder/runtime/DebuggerEvaluation;";
    /** The field the relay sets. */
    public static final String FIELD = "thread";

    public static volatile Thread thread;

    private DebuggerEvaluation() {
    }

    /** Loads and initializes this class before a debugger can ask for it, with no evaluation running. */
    public static void reset() {
        thread = null;
    }

    /** True when a debugger is evaluating an expression on the calling thread. */
    static boolean onCurrentThread() {
        Thread t = thread;
        return t != null && t == Thread.currentThread();
    }
}
