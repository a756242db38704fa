package dev.airlock.recorder.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.function.BiConsumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

/**
 * The agent's only transformer. Rewrites capture call sites in application classes and the listed JDK
 * classes. Any failure leaves the class untouched and is logged; the JVM would otherwise swallow it.
 */
public final class AirlockTransformer implements ClassFileTransformer {

    /** Marks the current thread as running agent code, so nothing it triggers is captured. */
    public interface AgentSection {
        void enter();

        void exit();
    }

    private final SiteRegistry registry;
    private final String mainClass;
    private final AgentSection section;
    private final BiConsumer<String, Throwable> onError;
    private final CapturePolicy policy;
    private final java.util.Set<String> rewritten = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public AirlockTransformer(SiteRegistry registry, String mainClass, AgentSection section,
                              BiConsumer<String, Throwable> onError) {
        this(registry, mainClass, section, onError, CapturePolicy.ALL);
    }

    public AirlockTransformer(SiteRegistry registry, String mainClass, AgentSection section,
                              BiConsumer<String, Throwable> onError, CapturePolicy policy) {
        this.policy = policy;
        this.registry = registry;
        this.mainClass = mainClass == null ? null : mainClass.replace('.', '/');
        this.section = section;
        this.onError = onError;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        if (className == null) {
            return null;
        }
        boolean jdk = loader == null || loader == ClassLoader.getPlatformClassLoader();
        if (jdk ? !ClassFilter.isJdkTarget(className)
            : !ClassFilter.isApplicationTarget(className) || !policy.instruments(className)) {
            return null;
        }
        section.enter();
        try {
            byte[] out = rewrite(className, bytes, jdk, loader);
            if (out != null) {
                rewritten.add(className);
            }
            return out;
        } catch (Throwable t) {
            onError.accept(className, t);
            return null;
        } finally {
            section.exit();
        }
    }

    /** Rewrites one class file; null when nothing in it is captured. */
    public byte[] rewrite(String className, byte[] bytes, boolean jdk) {
        return rewrite(className, bytes, jdk, ClassLoader.getSystemClassLoader());
    }

    /** Rewrites one class file of {@code loader}'s; null when nothing in it is captured. */
    public byte[] rewrite(String className, byte[] bytes, boolean jdk, ClassLoader loader) {
        ClassReader reader = new ClassReader(bytes);
        boolean main = className.equals(mainClass);
        if (!jdk && !main && !CaptureRules.threadsRewritten() && !ConstantPoolScan.namesCapturedMethod(reader, bytes)) {
            return null;
        }
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean ordered = !jdk && CaptureRules.orderedThreads();
        ClassRewriter rewriter = new ClassRewriter(writer, jdk, main, registry, policy,
            ordered ? MethodLocals.of(reader) : java.util.Map.of(), ordered ? new VolatileFields(loader) : null);
        reader.accept(rewriter, 0);
        return rewriter.changed() ? writer.toByteArray() : null;
    }

    /** Internal names of the classes this transformer changed, for putting them back when recording stops. */
    public java.util.Set<String> rewritten() {
        return java.util.Collections.unmodifiableSet(rewritten);
    }

    /** The JDK classes the agent rewrites; those already loaded at start must be retransformed. */
    public static boolean isJdkTarget(Class<?> type) {
        return ClassFilter.isJdkTarget(type.getName().replace('.', '/'));
    }
}
