package dev.airlock.recorder.agent;

import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.jar.JarFile;

/** Describes the recorded JVM for the journal header: what replay needs to start the same program. */
final class HeaderFactory {

    static final String VERSION = "0.1.0";

    private HeaderFactory() {
    }

    static Fields create(String agentOptions) {
        Fields f = new Fields();
        f.put(HeaderKeys.FORMAT_VERSION, HeaderKeys.CURRENT_FORMAT);
        f.put(HeaderKeys.AIRLOCK_VERSION, VERSION);
        long now = System.currentTimeMillis();
        long pid = ProcessHandle.current().pid();
        f.put(HeaderKeys.RECORDING_ID, Long.toHexString(now) + "-" + Long.toHexString(pid) + "-"
            + Long.toHexString(System.nanoTime() & 0xFFFFFF));
        f.put(HeaderKeys.START_MILLIS, now);
        f.put(HeaderKeys.JAVA_VERSION, System.getProperty("java.version"));
        f.put(HeaderKeys.JAVA_VENDOR, System.getProperty("java.vendor"));
        f.put(HeaderKeys.JAVA_HOME, System.getProperty("java.home"));
        f.put(HeaderKeys.JAVA_SPEC, System.getProperty("java.specification.version"));
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < jvmArgs.size(); i++) {
            f.put(HeaderKeys.JVM_ARG + i, jvmArgs.get(i));
        }
        String command = System.getProperty("sun.java.command", "");
        f.put(HeaderKeys.COMMAND, command);
        String[] words = command.trim().split(" +");
        String first = words.length > 0 ? words[0] : "";
        if (first.endsWith(".jar") && Files.isRegularFile(Paths.get(first))) {
            f.put(HeaderKeys.MAIN_JAR, Paths.get(first).toAbsolutePath().normalize());
            f.put(HeaderKeys.MAIN_CLASS, jarMainClass(first));
        } else {
            f.put(HeaderKeys.MAIN_CLASS, first);
        }
        // Best effort from the launcher's command line; a NOTE written on entry to main has the exact strings.
        for (int i = 1; i < words.length; i++) {
            f.put(HeaderKeys.MAIN_ARG + (i - 1), words[i]);
        }
        f.put(HeaderKeys.CLASS_PATH, System.getProperty("java.class.path"));
        f.put(HeaderKeys.WORKING_DIR, System.getProperty("user.dir"));
        f.put(HeaderKeys.TIME_ZONE, TimeZone.getDefault().getID());
        f.put(HeaderKeys.LOCALE, Locale.getDefault().toLanguageTag());
        f.put(HeaderKeys.PROCESSORS, Runtime.getRuntime().availableProcessors());
        f.put(HeaderKeys.CHARSET, Charset.defaultCharset().name());
        f.put(HeaderKeys.FILE_ENCODING, System.getProperty("file.encoding"));
        f.put(HeaderKeys.AGENT_OPTIONS, agentOptions);
        f.put(HeaderKeys.HOST, hostName());
        f.put(HeaderKeys.USER, System.getProperty("user.name"));
        f.put(HeaderKeys.PID, pid);
        return f;
    }

    static String mainClassOf(Fields header) {
        return header.get(HeaderKeys.MAIN_CLASS);
    }

    private static String jarMainClass(String jar) {
        try (JarFile j = new JarFile(jar)) {
            return j.getManifest() == null ? null : j.getManifest().getMainAttributes().getValue("Main-Class");
        } catch (IOException e) {
            return null;
        }
    }

    /** The host name without a DNS lookup: the agent must not touch the network. */
    private static String hostName() {
        try {
            Path etc = Paths.get("/etc/hostname");
            if (Files.isReadable(etc)) {
                return Files.readString(etc).trim();
            }
        } catch (IOException ignored) {
            // fall through
        }
        String env = System.getenv("HOSTNAME");
        return env != null ? env : "unknown";
    }
}
