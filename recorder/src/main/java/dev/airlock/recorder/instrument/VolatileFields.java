package dev.airlock.recorder.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Which fields of application classes are volatile, for {@code threads=ordered}: the class being
 * rewritten says so itself; any other owner named by a field access (an outer class, a superclass) is
 * read from its loader's class file, without loading it. JDK classes count as having none.
 */
final class VolatileFields {

    /** A class's own volatile fields and its superclass, where a field not its own is looked up. */
    private record Declared(Set<String> fields, String superName) {
    }

    private static final Declared UNKNOWN = new Declared(Set.of(), null);
    /** Per loader, held weakly: class files read once, whichever class asks. */
    private static final Map<ClassLoader, Map<String, Declared>> BY_LOADER = new WeakHashMap<>();

    private final ClassLoader loader;
    private final Map<String, Declared> classes;

    VolatileFields(ClassLoader loader) {
        this.loader = loader != null ? loader : ClassLoader.getSystemClassLoader();
        synchronized (BY_LOADER) {
            this.classes = BY_LOADER.computeIfAbsent(this.loader, l -> new ConcurrentHashMap<>());
        }
    }

    /** The class being rewritten: what it declares is what its fields, visited next, say. */
    void visiting(String owner, String superName) {
        classes.put(owner, new Declared(ConcurrentHashMap.newKeySet(), superName));
    }

    /** A volatile field of the class being rewritten. */
    void declare(String owner, String field) {
        classes.get(owner).fields().add(field);
    }

    boolean isVolatile(String owner, String field) {
        for (int depth = 0; owner != null && depth < 16 && !isJdk(owner); depth++) {
            Declared d = classes.computeIfAbsent(owner, this::read);
            if (d.fields().contains(field)) {
                return true;
            }
            owner = d.superName();
        }
        return false;
    }

    private static boolean isJdk(String owner) {
        return owner.startsWith("java/") || owner.startsWith("javax/") || owner.startsWith("jdk/")
            || owner.startsWith("sun/") || owner.startsWith("com/sun/");
    }

    private Declared read(String owner) {
        try (InputStream in = loader.getResourceAsStream(owner + ".class")) {
            if (in == null) {
                return UNKNOWN;
            }
            Set<String> fields = new HashSet<>();
            String[] superName = new String[1];
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public void visit(int version, int access, String name, String signature, String superclass,
                                  String[] interfaces) {
                    superName[0] = superclass;
                }

                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                               Object value) {
                    if ((access & Opcodes.ACC_VOLATILE) != 0) {
                        fields.add(name);
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return new Declared(Set.copyOf(fields), superName[0]);
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}
