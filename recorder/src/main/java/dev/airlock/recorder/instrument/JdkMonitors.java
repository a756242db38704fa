package dev.airlock.recorder.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * In {@code threads=serial}, the JDK classes whose monitors go to {@code Turns} as an application's do.
 * The wrappers of {@code Collections.synchronized*}: application monitors are the scheduler's, so for
 * {@code synchronized (list) { iterate }} to keep out another thread's {@code list.add}, the wrapper's
 * own {@code synchronized (mutex)} must take the scheduler's monitor too. {@code java.util.Timer}: its
 * thread waits on the task queue's monitor until the next task is due, and is woken by a
 * {@code schedule}; left to the JVM, how many tasks ran before {@code cancel} would depend on time (the
 * timer's clock reads are recorded, {@link CaptureRules}, and its {@code wait(timeout)} becomes a timed
 * wait the scheduler records the outcome of). {@code TimeUnit}'s sleeps and waits, below.
 *
 * <p>Only classes that synchronize in blocks: a {@code synchronized} method ({@code Vector},
 * {@code Hashtable}) of a class loaded before the agent cannot lose its flag when retransformed, and
 * taking the scheduler's monitor after the JVM's would invert the order an application's block takes
 * them in (a deadlock); whether such a class was loaded first could differ between recording and replay.
 */
final class JdkMonitors extends MethodVisitor {

    private static final String WRAPPERS = "java/util/Collections$Synchronized";
    /** The timer's classes; none has a {@code synchronized} method (Java 17 to 25). */
    static final java.util.Set<String> TIMER = java.util.Set.of("java/util/Timer", "java/util/TimerThread",
        "java/util/TimerTask", "java/util/Timer$ThreadReaper");

    /**
     * {@code TimeUnit}: its {@code sleep}, {@code timedWait} and {@code timedJoin}, which programs call
     * as often as {@code Thread.sleep}, call the JDK's inside the JDK; they go to the scheduler too.
     */
    static final String TIME_UNIT = "java/util/concurrent/TimeUnit";

    JdkMonitors(MethodVisitor next) {
        super(Opcodes.ASM9, next);
    }

    static boolean appliesTo(String className) {
        return className.startsWith(WRAPPERS) || TIMER.contains(className) || className.equals(TIME_UNIT);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
        // Object.wait/notify (the timer's), Thread.sleep and join (TimeUnit's)
        if (!SchedulingPoints.callTurns(mv, opcode, owner, name, desc, owner.equals("java/lang/Thread"))) {
            super.visitMethodInsn(opcode, owner, name, desc, isInterface);
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, SchedulingPoints.TURNS,
                opcode == Opcodes.MONITORENTER ? "monitorEnter" : "monitorExit", "(Ljava/lang/Object;)V", false);
            return;
        }
        super.visitInsn(opcode);
    }
}
