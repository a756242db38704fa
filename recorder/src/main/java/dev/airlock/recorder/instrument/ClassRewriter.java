package dev.airlock.recorder.instrument;

import dev.airlock.format.CallSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Chains the per-method rewriters for one class and tells whether anything changed. */
final class ClassRewriter extends ClassVisitor {

    private final boolean jdk;
    private final boolean mainClass;
    private final SiteRegistry registry;
    private final List<CallSite> sites = new ArrayList<>();
    private final List<MethodReferenceRewriter.Synthetic> synthetics = new ArrayList<>();
    private String className;
    private String superName;
    private String sourceFile;
    private boolean isInterface;
    private int version;
    private boolean changed;

    private final CapturePolicy policy;

    /** {@code threads=ordered}: each method's locals and monitor entries (see {@link OrderPoints}). */
    private final java.util.Map<String, MethodLocals.Counts> spareLocals;
    /** {@code threads=ordered}: which fields are volatile, this class's (visited first) and others'. */
    private final VolatileFields volatileFields;
    /** {@code preempt=memory}: this class's final fields (visited before its methods). */
    private final java.util.Set<String> finalFields = new java.util.HashSet<>();

    ClassRewriter(ClassVisitor next, boolean jdk, boolean mainClass, SiteRegistry registry, CapturePolicy policy,
                  java.util.Map<String, MethodLocals.Counts> spareLocals, VolatileFields volatileFields) {
        super(Opcodes.ASM9, next);
        this.spareLocals = spareLocals;
        this.volatileFields = volatileFields;
        this.policy = policy;
        this.jdk = jdk;
        this.mainClass = mainClass;
        this.registry = registry;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        className = name;
        this.superName = superName;
        this.version = version & 0xFFFF;
        isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
        if (volatileFields != null) {
            volatileFields.visiting(name, superName);
        }
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public org.objectweb.asm.FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                                     Object value) {
        if (volatileFields != null && (access & Opcodes.ACC_VOLATILE) != 0) {
            volatileFields.declare(className, name);
        }
        if ((access & Opcodes.ACC_FINAL) != 0) {
            finalFields.add(name);
        }
        return super.visitField(access, name, descriptor, signature, value);
    }

    @Override
    public void visitSource(String source, String debug) {
        sourceFile = source;
        super.visitSource(source, debug);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        boolean body = (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0;
        boolean scheduled = !jdk && body && CaptureRules.serialThreads();
        boolean ordered = !jdk && body && CaptureRules.orderedThreads();
        MethodVisitor mv = super.visitMethod(scheduled || ordered ? SynchronizedBody.access(access) : access, name,
            descriptor, signature, exceptions);
        if (!body) {
            return mv;
        }
        if (scheduled) {
            mv = new SchedulingPoints(mv, className, superName, name, access, version,
                CaptureRules.memoryPoints() ? finalFields : null);
            changed = true;
        }
        if (ordered && dev.airlock.recorder.runtime.TaskThreads.enabled()) {
            mv = new StageFunctionArguments(mv);
        }
        if (ordered) {
            mv = new OrderPoints(mv, className, access, version, spareLocals.getOrDefault(name + descriptor, MethodLocals.NONE),
                name.equals("<init>") || name.equals("<clinit>") ? null : volatileFields);
            changed = true;
        }
        if (CaptureRules.threadsRewritten() && (!jdk || IdentityHashCalls.appliesTo(className, name))) {
            mv = new IdentityHashCalls(mv);
            changed = true;
        }
        if (jdk && CaptureRules.serialThreads() && JdkMonitors.appliesTo(className)) {
            mv = new JdkMonitors(mv);
            changed = true;
        }
        if (jdk && CaptureRules.serialThreads() && BlockingBrackets.appliesTo(className)) {
            mv = new BlockingBrackets(mv, className);
            changed = true;
        }
        if (jdk && HiddenAgentFrames.appliesTo(className, name, descriptor)) {
            mv = new HiddenAgentFrames(mv);
            changed = true;
        }
        EntryHooks.Hook hook = jdk ? EntryHooks.forMethod(className, name, descriptor) : null;
        if (mainClass && name.equals("main") && descriptor.equals("([Ljava/lang/String;)V")
            && (access & Opcodes.ACC_STATIC) != 0) {
            hook = EntryHooks.MAIN;
        }
        if (hook != null) {
            mv = new EntryHookInserter(mv, hook);
            changed = true;
        }
        if (jdk && CaptureRules.orderedThreads() && JdkClassOrder.appliesTo(className)) {
            mv = new JdkClassOrder(mv);
            changed = true;
        }
        if (jdk && dev.airlock.recorder.runtime.TaskThreads.enabled() && ForkJoinTaskRuns.appliesTo(className)) {
            mv = ForkJoinTaskRuns.of(mv, className, name, descriptor, access);
            changed = true;
        }
        if (jdk && CaptureRules.orderedThreads() && JdkMonitorTurns.appliesTo(className)) {
            mv = new JdkMonitorTurns(mv, className, access);
            changed = true;
        }
        if (jdk && CaptureRules.ordersSelectedKeys() && SelectedKeyOrder.applies(className, name)) {
            mv = new SelectedKeyOrder(mv);
            changed = true;
        }
        Map<String, CaptureRule> jdkRules = jdk ? CaptureRules.forJdkMethod(className, name, descriptor) : null;
        if (jdk && jdkRules.isEmpty()) {
            return mv;
        }
        mv = new CallSiteRewriter(mv, className, name, descriptor, sourceFile, jdkRules, registry, sites, policy);
        // Private interface methods need class files of Java 9 or later.
        if (!jdk && (!isInterface || version >= Opcodes.V9)) {
            mv = new MethodReferenceRewriter(mv, className, isInterface, synthetics, policy);
        }
        return mv;
    }

    @Override
    public void visitEnd() {
        for (int i = 0; i < synthetics.size(); i++) {
            MethodReferenceRewriter.Synthetic s = synthetics.get(i);
            s.emit(visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC, s.name(),
                s.descriptor(), null, null));
        }
        super.visitEnd();
        registry.classDone(sites);
    }

    boolean changed() {
        return changed || !sites.isEmpty();
    }

    /** Emits an entry hook as the first instructions of a method. */
    private static final class EntryHookInserter extends MethodVisitor {
        private final EntryHooks.Hook hook;

        EntryHookInserter(MethodVisitor next, EntryHooks.Hook hook) {
            super(Opcodes.ASM9, next);
            this.hook = hook;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            hook.emit(mv);
        }
    }
}
