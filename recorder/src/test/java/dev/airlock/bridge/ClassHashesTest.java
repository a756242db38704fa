package dev.airlock.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Class hashes as {@link Identity} gives them to rewritten code, and the set of classes loaded early. */
class ClassHashesTest {

    static final class Registered {
    }

    @Test
    void a_class_loaded_later_hashes_by_its_name_whichever_loader_defines_it() throws Exception {
        URL classes = Registered.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader other = new URLClassLoader(new URL[] {classes}, null)) {
            Class<?> twin = other.loadClass(Registered.class.getName());
            assertNotSame(Registered.class, twin);
            assertEquals(Identity.classHash(Registered.class), Identity.classHash(twin));
            assertTrue(Identity.classHash(twin) > 0);
        }
    }

    @Test
    void the_jdks_classes_and_hidden_classes_keep_the_jvms_hash() throws Exception {
        assertEquals(System.identityHashCode(String.class), Identity.classHash(String.class));
        Class<?> platforms = java.sql.Connection.class;
        assertEquals(ClassLoader.getPlatformClassLoader(), platforms.getClassLoader());
        assertEquals(System.identityHashCode(platforms), Identity.classHash(platforms));
        Supplier<String> lambda = () -> "x";
        assertTrue(lambda.getClass().isHidden());
        assertEquals(System.identityHashCode(lambda.getClass()), Identity.classHash(lambda.getClass()));
    }

    @Test
    void early_classes_are_found_by_identity_only() {
        EarlyClasses early = new EarlyClasses(new Class<?>[] {Registered.class, ClassHashesTest.class, Integer.class});
        assertTrue(early.contains(Registered.class));
        assertTrue(early.contains(ClassHashesTest.class));
        assertTrue(early.contains(Integer.class));
        assertFalse(early.contains(Long.class));
        assertFalse(EarlyClasses.NONE.contains(Registered.class));
    }
}
