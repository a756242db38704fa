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
        String bridge = opcode == Opcodes.INVOKEVIRTUAL ? objectMonitorMethod(name, desc) : null;
        String receiver = "Ljava/lang/Object;";
        if (bridge == null && owner.equals("java/lang/Thread") && desc.equals("(JI)V")) {
            // TimeUnit.sleep and timedJoin
            bridge = opcode == Opcodes.INVOKESTATIC && name.equals("sleep") ? "sleep"
                : opcode == Opcodes.INVOKEVIRTUAL && name.equals("join") ? "join" : null;
            receiver = opcode == Opcodes.INVOKESTATIC ? "" : "Ljava/lang/Thread;";
        }
        if (bridge == null) {
            super.visitMethodInsn(opcode, owner, name, desc, isInterface);
            return;
        }
        super.visitInsn(Opcodes.ICONST_0); // the site, which the bridge ignores
        super.visitMethodInsn(Opcodes.INVOKESTATIC, SchedulingPoints.TURNS, bridge,
            "(" + receiver + desc.substring(1, desc.indexOf(')')) + "I)V", false);
    }

    /** {@code Object.wait/notify/notifyAll} (final in Object, whatever class a call names), or null. */
    private static String objectMonitorMethod(String name, String desc) {
        switch (name + desc) {
            case "wait()V":
            case "wait(J)V":
            case "wait(JI)V":
                return "wait";
            case "notify()V":
                return "notify";
            case "notifyAll()V":
                return "notifyAll";
            default:
                return null;
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
