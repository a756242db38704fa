package dev.airlock.recorder.instrument;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Calls inserted at the entry of a few JDK methods: they tell the runtime about thread starts, the exit
 * status, uncaught exceptions and console output. Each loads the method's own arguments and calls the
 * bridge; nothing else changes.
 */
final class EntryHooks {

    static final String HOOKS = "dev/airlock/bridge/Hooks";

    /** class -> method name + descriptor -> bridge call to emit. */
    private static final Map<String, Map<String, Hook>> HOOKS_BY_CLASS = new HashMap<>();

    static {
        hook("java/lang/Thread", "start()V", "threadStarting", "(Ljava/lang/Thread;)V", Opcodes.ALOAD, 0);
        // Java 21+: a virtual thread's start, by Thread.ofVirtual() or an executor, overrides Thread.start()
        hook("java/lang/VirtualThread", "start(Ljdk/internal/vm/ThreadContainer;)V", "threadStarting",
            "(Ljava/lang/Thread;)V", Opcodes.ALOAD, 0);
        hook("java/lang/Thread", "dispatchUncaughtException(Ljava/lang/Throwable;)V", "uncaught",
            "(Ljava/lang/Thread;Ljava/lang/Throwable;)V", Opcodes.ALOAD, 0, Opcodes.ALOAD, 1);
        hook("java/lang/Shutdown", "exit(I)V", "exiting", "(I)V", Opcodes.ILOAD, 0);
        // The serial scheduler: a thread's last turn ends as it exits; a shutdown frees every thread.
        hook("java/lang/Thread", "exit()V", "threadExiting", "()V");
        // ...and its first turn starts before it runs any code: a pool worker started by the JDK would
        // otherwise race the others for a task before it reaches application code.
        hook("java/lang/Thread", "run()V", "threadRunning", "()V");
        hook("java/util/concurrent/ForkJoinWorkerThread", "run()V", "threadRunning", "()V");
        hook("java/lang/Shutdown", "shutdown()V", "shuttingDown", "()V");
        hook("sun/nio/ch/EPollSelectorImpl", "wakeup()Ljava/nio/channels/Selector;", "selectorWoken", "()V");
        hook("java/io/FileOutputStream", "write(I)V", "written", "(Ljava/io/FileOutputStream;I)V",
            Opcodes.ALOAD, 0, Opcodes.ILOAD, 1);
        hook("java/io/FileOutputStream", "write([B)V", "written", "(Ljava/io/FileOutputStream;[B)V",
            Opcodes.ALOAD, 0, Opcodes.ALOAD, 1);
        hook("java/io/FileOutputStream", "write([BII)V", "written", "(Ljava/io/FileOutputStream;[BII)V",
            Opcodes.ALOAD, 0, Opcodes.ALOAD, 1, Opcodes.ILOAD, 2, Opcodes.ILOAD, 3);
    }

    /** A bridge call with the locals it loads: pairs of (load opcode, local index). */
    record Hook(String bridgeMethod, String descriptor, int[] loads) {

        void emit(MethodVisitor mv) {
            for (int i = 0; i < loads.length; i += 2) {
                mv.visitVarInsn(loads[i], loads[i + 1]);
            }
            // stack: the method's own arguments, as the bridge method takes them
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, bridgeMethod, descriptor, false);
            // stack: empty
        }
    }

    static final Hook MAIN = new Hook("mainStarting", "([Ljava/lang/String;)V", new int[] {Opcodes.ALOAD, 0});

    private EntryHooks() {
    }

    private static void hook(String owner, String method, String bridge, String descriptor, int... loads) {
        HOOKS_BY_CLASS.computeIfAbsent(owner, o -> new HashMap<>()).put(method, new Hook(bridge, descriptor, loads));
    }

    static Hook forMethod(String className, String name, String descriptor) {
        Map<String, Hook> hooks = HOOKS_BY_CLASS.get(className);
        return hooks == null ? null : hooks.get(name + descriptor);
    }

    static Set<String> classes() {
        return HOOKS_BY_CLASS.keySet();
    }
}
