package dev.airlock.replayer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code java} executable the replay runs on and its feature version (17, 25, ...).
 * {@link ReplayCommand} uses it to compare with the recorded Java version and
 * {@link ChildCommandLine} to decide on version-dependent flags.
 *
 * @param executable path of the java launcher
 * @param major feature version, 0 when it cannot be told
 */
record JavaInstallation(Path executable, int major) {

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?([^\"\\s]+)\"?");
    private static final Pattern QUOTED_VERSION = Pattern.compile("version \"([^\"]+)\"");

    /** The Java this CLI runs on. */
    static JavaInstallation current() {
        return new JavaInstallation(Path.of(System.getProperty("java.home"), "bin", "java"),
            Runtime.version().feature());
    }

    /**
     * {@code path} is a java executable or a Java home directory. Null when neither exists. The version
     * comes from the installation's {@code release} file, else from running {@code java -version}.
     */
    static JavaInstallation at(Path path) {
        Path exe = Files.isDirectory(path) ? path.resolve("bin").resolve("java") : path;
        if (!Files.isRegularFile(exe) || !Files.isExecutable(exe)) {
            return null;
        }
        int major = fromReleaseFile(exe);
        if (major == 0) {
            major = fromVersionOutput(exe);
        }
        return new JavaInstallation(exe, major);
    }

    /**
     * The feature version in a Java version string: 17 for "17.0.15", 25 for "25", 8 for "1.8.0_392"
     * or "1.8"; 0 for anything else.
     */
    static int parseMajor(String version) {
        if (version == null) {
            return 0;
        }
        Matcher m = Pattern.compile("^(\\d+)(?:\\.(\\d+))?").matcher(version.trim());
        if (!m.find()) {
            return 0;
        }
        int first = Integer.parseInt(m.group(1));
        if (first == 1 && m.group(2) != null) {
            return Integer.parseInt(m.group(2));
        }
        return first;
    }

    private static int fromReleaseFile(Path exe) {
        try {
            Path home = exe.toRealPath().getParent().getParent();
            if (home == null) {
                return 0;
            }
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release)) {
                return 0;
            }
            Matcher m = RELEASE_VERSION.matcher(Files.readString(release, StandardCharsets.ISO_8859_1));
            return m.find() ? parseMajor(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int fromVersionOutput(Path exe) {
        try {
            Process p = new ProcessBuilder(exe.toString(), "-version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readNBytes(8192), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 0;
            }
            Matcher m = QUOTED_VERSION.matcher(output);
            return m.find() ? parseMajor(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
