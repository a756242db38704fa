package dev.airlock.recorder.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileScopeTest {

    private final FileScope scope = FileScope.ofThisJvm(Path.of("/var/airlock/run1"));

    @Test
    void the_programs_files_are_kept() {
        assertTrue(scope.keeps("/etc/app/config.properties"));
        assertTrue(scope.keeps("relative/data.csv"));
        assertTrue(scope.keeps("/proc/cpuinfo"));
    }

    @Test
    void the_jvms_airlocks_and_devices_are_not() {
        assertFalse(scope.keeps(System.getProperty("java.home") + "/lib/tzdb.dat"));
        assertFalse(scope.keeps(System.getProperty("java.home")));
        assertFalse(scope.keeps("/var/airlock/run1/queue/metadata.cq4t"));
        assertFalse(scope.keeps("/var/airlock/run1/../run1/audit.log"), "normalized first");
        assertFalse(scope.keeps("/dev/urandom"));
        String firstEntry = System.getProperty("java.class.path").split(java.io.File.pathSeparator)[0];
        assertFalse(scope.keeps(firstEntry));
        assertFalse(scope.keeps(""));
        assertFalse(scope.keeps(null));
    }

    @Test
    void a_sibling_of_a_left_out_folder_is_kept() {
        assertTrue(scope.keeps("/var/airlock/run10/data.txt"));
    }

    @Test
    void where_the_installations_links_lead_is_left_out_too() throws Exception {
        // Debian's JDK keeps conf/ as links into /etc/java-17-openjdk, and opens them by canonical path
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(Path.of(System.getProperty("java.home")), 3)) {
            for (Path link : (Iterable<Path>) walk.filter(java.nio.file.Files::isSymbolicLink)::iterator) {
                if (java.nio.file.Files.exists(link)) {
                    assertFalse(scope.keeps(link.toRealPath().toString()), link + " -> " + link.toRealPath());
                }
            }
        }
    }

    @Test
    void an_empty_class_path_entry_is_the_working_directory_as_the_class_loader_reads_it() {
        FileScope trailing = FileScope.empty();
        trailing.addClassPath("/opt/app/app.jar:");
        assertFalse(trailing.keeps("dev/airlock/bridge/Hooks.class"), "looked up in the working directory");
        assertFalse(trailing.keeps("/opt/app/app.jar"));
        assertTrue(trailing.keeps("/etc/app/config.properties"));

        FileScope doubled = FileScope.empty();
        doubled.addClassPath("/opt/app/a.jar::/opt/app/b.jar");
        assertFalse(doubled.keeps("Main.class"));

        FileScope none = FileScope.empty();
        none.addClassPath("/opt/app/a.jar:/opt/app/b.jar");
        assertTrue(none.keeps("relative/data.csv"), "no empty entry, the working directory is the program's");
    }
}
