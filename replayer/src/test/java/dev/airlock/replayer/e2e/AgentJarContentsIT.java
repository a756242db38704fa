package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built jars hold only Airlock's own classes and relocated dependencies, so an application that
 * ships its own Kryo, ASM, Chronicle or SLF4J never meets ours; and the bridge is not a plain class.
 */
class AgentJarContentsIT {

    @ParameterizedTest
    @ValueSource(strings = {"recorder/target/airlock-recorder.jar", "replayer/target/airlock.jar"})
    void every_class_is_airlocks_own_or_relocated_under_it(String jar) throws Exception {
        List<String> outside = new ArrayList<>();
        boolean bridgeJar = false;
        try (JarFile f = new JarFile(Airlock.ROOT.resolve(jar).toFile())) {
            for (var e : Collections.list(f.entries())) {
                String name = e.getName();
                if (name.equals("airlock-bridge.jar")) {
                    bridgeJar = true;
                }
                if (name.endsWith(".class") && !name.startsWith("dev/airlock/")) {
                    outside.add(name);
                }
                if (name.startsWith("dev/airlock/bridge/")) {
                    outside.add(name + " (the bridge must only be defined in the bootstrap loader)");
                }
                if (name.startsWith("META-INF/services/") && !e.isDirectory()
                    && !name.startsWith("META-INF/services/dev.airlock.")) {
                    outside.add(name);
                }
            }
        }
        assertEquals(List.of(), outside, "entries outside dev/airlock/ in " + jar);
        assertTrue(bridgeJar, "airlock-bridge.jar travels inside " + jar);
    }

    @ParameterizedTest
    @ValueSource(strings = {"recorder/target/airlock-recorder.jar", "replayer/target/airlock.jar"})
    void chronicle_analytics_and_native_helpers_are_not_shipped(String jar) throws Exception {
        Path path = Airlock.ROOT.resolve(jar);
        try (JarFile f = new JarFile(path.toFile())) {
            for (var e : Collections.list(f.entries())) {
                // chronicle-core keeps a facade that finds no implementation and stays mute; the
                // implementation (the chronicle-analytics module, package chronicle/analytics) must be absent.
                // Chronicle's posix adapters stay, without the JNA/JNR libraries they would need.
                String name = e.getName().toLowerCase();
                assertTrue(!name.contains("chronicle/analytics/") && !name.contains("com/sun/jna/")
                    && !name.contains("jnr/ffi/") && !name.contains("jffi"), "shipped: " + e.getName());
            }
        }
    }
}
