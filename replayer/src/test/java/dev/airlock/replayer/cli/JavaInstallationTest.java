package dev.airlock.replayer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaInstallationTest {

    @TempDir
    Path tmp;

    @Test
    void the_feature_version_is_read_from_any_version_string() {
        assertEquals(17, JavaInstallation.parseMajor("17.0.15"));
        assertEquals(25, JavaInstallation.parseMajor("25"));
        assertEquals(21, JavaInstallation.parseMajor("21-ea"));
        assertEquals(8, JavaInstallation.parseMajor("1.8.0_392"));
        assertEquals(8, JavaInstallation.parseMajor("1.8"));
        assertEquals(0, JavaInstallation.parseMajor("abc"));
        assertEquals(0, JavaInstallation.parseMajor(null));
    }

    @Test
    void a_java_home_is_recognised_by_its_release_file() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("jdk/bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(tmp.resolve("jdk/release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"24.0.2\"\n");
        assertEquals(new JavaInstallation(java, 24), JavaInstallation.at(tmp.resolve("jdk")));
        assertEquals(new JavaInstallation(java, 24), JavaInstallation.at(java));
        assertNull(JavaInstallation.at(tmp.resolve("nope")));
    }

    @Test
    void the_current_java_is_this_one() {
        assertEquals(Runtime.version().feature(), JavaInstallation.current().major());
        assertEquals(Runtime.version().feature(), JavaInstallation.at(JavaInstallation.current().executable()).major());
    }
}
