package dev.airlock.recorder.instrument;

import dev.airlock.format.CallSite;
import dev.airlock.format.SiteRef;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites the captured calls inside one method so their values pass through the bridge. The stack
 * shape around each call is unchanged, so no frames need recomputing.
 */
final class CallSiteRewriter extends MethodVisitor {

    private final String className;
    private final String method;
    private final String descriptor;
    private final String sourceFile;
    /** Null for application classes, which use {@link CaptureRules#forApplicationCall}. */
    private final Map<String, CaptureRule> jdkRules;
    private final SiteRegistry registry;
    private final List<CallSite> found;
    private final CapturePolicy policy;
    private int line = -1;
    private int ordinal;

    CallSiteRewriter(MethodVisitor next, String className, String method, String descriptor, String sourceFile,
                     Map<String, CaptureRule> jdkRules, SiteRegistry registry, List<CallSite> found,
                     CapturePolicy policy) {
        super(Opcodes.ASM9, next);
        this.policy = policy;
        this.className = className;
        this.method = method;
        this.descriptor = descriptor;
        this.sourceFile = sourceFile;
        this.jdkRules = jdkRules;
        this.registry = registry;
        this.found = found;
    }

    @Override
    public void visitLineNumber(int lineNumber, org.objectweb.asm.Label start) {
        line = lineNumber;
        super.visitLineNumber(lineNumber, start);
    }

    @Override
    public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
        CaptureRule rule = jdkRules != null ? jdkRules.get(name + desc)
            : CaptureRules.forApplicationCall(owner, name, desc);
        if (rule == null || !policy.records(rule.kind())) {
            super.visitMethodInsn(opcode, owner, name, desc, isInterface);
            return;
        }
        CallSite site = registry.site(className.replace('/', '.'), method, descriptor, ordinal++, line, sourceFile,
            rule.kind());
        found.add(site);
        int ref = SiteRef.of(site.id(), rule.kind());
        switch (rule.action()) {
            case RESULT:
                super.visitMethodInsn(opcode, owner, name, desc, isInterface);
                passThrough(Type.getReturnType(desc), ref);
                break;
            case LAST_ARGUMENT:
                super.visitLdcInsn(ref);
                // stack: ..., long, int
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EntryHooks.HOOKS, "onLong", "(JI)J", false);
                // stack: ..., long (recorded or replayed seed)
                super.visitMethodInsn(opcode, owner, name, desc, isInterface);
                break;
            case FILLED_FIRST_ARGUMENT:
                super.visitMethodInsn(opcode, owner, name, desc, isInterface);
                super.visitVarInsn(Opcodes.ALOAD, 1);
                super.visitLdcInsn(ref);
                // stack: byte[], int
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EntryHooks.HOOKS, "onFilled", "([BI)V", false);
                // stack: as after the original call
                break;
            case REPLACE:
                super.visitLdcInsn(ref);
                // stack: original arguments, int
                // An instance call's receiver becomes the bridge method's first parameter.
                // JDK-internal receiver types are not accessible to the bridge: it takes them as Object.
                StringBuilder replaced = new StringBuilder("(");
                if (opcode != Opcodes.INVOKESTATIC) {
                    replaced.append(bridgeType(Type.getObjectType(owner)));
                }
                for (Type argument : Type.getArgumentTypes(desc)) {
                    replaced.append(bridgeType(argument));
                }
                replaced.append('I').append(desc.substring(desc.indexOf(')')));
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EntryHooks.HOOKS, rule.replacement(), replaced.toString(), false);
                // stack: the original call's result
                break;
            default:
                throw new IllegalStateException("unhandled capture action " + rule.action());
        }
    }

    /**
     * How a bridge method declares a receiver or argument: JDK-internal and package-private types
     * ({@code sun.nio.fs.UnixPath}, {@code java.io.FileSystem}), and types newer than the bridge's Java 17
     * ({@code InetAddressResolver}), are out of its reach, so it takes them as Object.
     */
    static String bridgeType(Type type) {
        if (type.getSort() != Type.OBJECT) {
            return type.getDescriptor();
        }
        String name = type.getInternalName();
        return name.startsWith("sun/") || name.startsWith("jdk/internal/") || name.equals("java/io/FileSystem")
            || name.equals("java/net/InetAddress$NameService") || name.equals("java/net/spi/InetAddressResolver")
            ? "Ljava/lang/Object;" : type.getDescriptor();
    }

    private void passThrough(Type type, int ref) {
        super.visitLdcInsn(ref);
        switch (type.getSort()) {
            case Type.LONG:
                // stack: long, int
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EntryHooks.HOOKS, "onLong", "(JI)J", false);
                // stack: long
                break;
            case Type.INT:
            case Type.BOOLEAN:
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EntryHooks.HOOKS, "onInt", "(II)I", false);
                break;
            case Type.DOUBLE:
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EntryHooks.HOOKS, "onDouble", "(DI)D", false);
                break;
            case Type.OBJECT:
            case Type.ARRAY:
                // stack: Object, int
                super.visitMethodInsn(Opcodes.INVOKESTATIC, EntryHooks.HOOKS, "onObject",
                    "(Ljava/lang/Object;I)Ljava/lang/Object;", false);
                super.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
                // stack: the original result type
                break;
            default:
                throw new IllegalStateException("cannot capture a result of type " + type);
        }
    }
}
