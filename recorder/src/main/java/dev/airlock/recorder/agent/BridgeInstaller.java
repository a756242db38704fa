package dev.airlock.recorder.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * Puts the bridge ({@code dev.airlock.bridge}) into the bootstrap loader, so that rewritten classes of
 * every loader, JDK classes included, link against it. The bridge jar travels inside the agent jar.
 *
 * <p>It defines the classes directly in the bootstrap loader: appending a jar to the bootstrap search
 * path makes HotSpot print a class-sharing warning on the application's stderr. The append is kept as
 * a fallback for JVMs where the direct definition is not available.
 */
public final class BridgeInstaller {

    static final String RESOURCE = "/airlock-bridge.jar";

    private BridgeInstaller() {
    }

    /** Installs the bridge; returns how. {@code dir} receives a copy of the jar if the fallback is used. */
    public static String install(Instrumentation inst, Path dir) throws IOException {
        Map<String, byte[]> classes = readClasses();
        try {
            defineInBootstrap(classes);
            openJavaLangToBridge(inst);
            return "defined " + classes.size() + " classes in the bootstrap loader";
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            AgentLog.warn("direct bridge definition failed (" + e + "); appending to the bootstrap path");
        }
        Path target = dir.resolve(".airlock-bridge.jar");
        try (InputStream in = BridgeInstaller.class.getResourceAsStream(RESOURCE)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(target.toFile()));
        openJavaLangToBridge(inst);
        return "appended " + target + " to the bootstrap path";
    }

    /**
     * The bridge starts child processes through {@code java.lang.ProcessImpl}, which is package-private,
     * calls {@code FileInputStream}'s private natives for every stream but stdin, and resolves host names
     * through {@code InetAddress.getAllByName0}, and reaches the socket and file channel implementations in
     * {@code sun.nio.ch} and the NIO file system in {@code sun.nio.fs}; {@code jdk.internal.misc} for the
     * native memory a datagram is received into; {@code jdk.internal.io} for the console's echo switch;
     * {@code java.util.concurrent} for {@code ForkJoinTask.exec()}, which {@code threads=ordered} calls.
     */
    private static void openJavaLangToBridge(Instrumentation inst) {
        try {
            Module bridge = Class.forName("dev.airlock.bridge.Hooks", false, null).getModule();
            Map<String, java.util.Set<Module>> opens = new java.util.HashMap<>();
            for (String pkg : new String[] {"java.lang", "java.io", "java.net", "sun.nio.ch", "sun.nio.fs",
                "jdk.internal.misc", "jdk.internal.io", "java.util.concurrent"}) {
                // jdk.internal.io (the console's echo switch) exists from Java 20 on
                if (Object.class.getModule().getPackages().contains(pkg)) {
                    opens.put(pkg, java.util.Set.of(bridge));
                }
            }
            inst.redefineModule(Object.class.getModule(), java.util.Set.of(), Map.of(), opens, java.util.Set.of(), Map.of());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the bridge is not on the bootstrap path", e);
        }
    }

    private static Map<String, byte[]> readClasses() throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (InputStream raw = BridgeInstaller.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IOException("the agent jar has no " + RESOURCE + "; was it built with mvn package?");
            }
            try (JarInputStream jar = new JarInputStream(raw)) {
                JarEntry e;
                while ((e = jar.getNextJarEntry()) != null) {
                    String name = e.getName();
                    if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        jar.transferTo(out);
                        classes.put(name.substring(0, name.length() - 6).replace('/', '.'), out.toByteArray());
                    }
                }
            }
        }
        return classes;
    }

    /** Defines the classes with a null loader; a class whose supertypes are not defined yet waits a round. */
    private static void defineInBootstrap(Map<String, byte[]> classes) throws ReflectiveOperationException {
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
            ClassLoader.class, java.security.ProtectionDomain.class);
        List<String> pending = new ArrayList<>(classes.keySet());
        while (!pending.isEmpty()) {
            List<String> failed = new ArrayList<>();
            Throwable last = null;
            for (String name : pending) {
                byte[] b = classes.get(name);
                try {
                    define.invoke(unsafe, name, b, 0, b.length, null, null);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (!(e.getCause() instanceof NoClassDefFoundError)) {
                        throw e;
                    }
                    failed.add(name);
                    last = e.getCause();
                }
            }
            if (failed.size() == pending.size()) {
                throw new IllegalStateException("cannot define bridge classes " + failed, last);
            }
            pending = failed;
        }
    }
}
