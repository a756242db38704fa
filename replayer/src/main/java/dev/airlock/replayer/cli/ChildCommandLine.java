package dev.airlock.replayer.cli;

import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the command line of the replay JVM from a journal's header; {@link ReplayCommand} runs it.
 *
 * <p>The result is {@code <java> [--sun-misc-unsafe-memory-access=allow] <recorded JVM args>
 * <-D flags pinning time zone, locale and encoding> [jdwp] -javaagent:<airlock.jar>=replay=<dir>,result=<file>}
 * followed by {@code -jar <main.jar> <args>} or {@code [-cp <class.path>] <main.class> <args>}.
 *
 * <ul>
 *   <li>Recorded JVM arguments are kept (notably {@code -D} properties and {@code --add-opens}) except
 *       Airlock's own {@code -javaagent} (the replay agent takes its place, so other agents keep their
 *       order relative to it), debugger agents (jdwp), and {@code --sun-misc-unsafe-memory-access}.</li>
 *   <li>Time zone, locale and {@code file.encoding} come from the header, after the recorded arguments
 *       so they win: the replay does not depend on the workstation's settings.</li>
 *   <li>On Java 24 and later, {@code --sun-misc-unsafe-memory-access=allow}: Chronicle in the agent uses
 *       {@code sun.misc.Unsafe} memory access, and the JDK would otherwise print a warning on the
 *       application's stderr, which would make its output differ from the recording. Older JVMs reject
 *       the flag, so it is never copied from a recording.</li>
 *   <li>{@code debugPort}: a JDWP server on 127.0.0.1 only, suspended until a debugger attaches.</li>
 * </ul>
 */
final class ChildCommandLine {

    static final String UNSAFE_FLAG = "--sun-misc-unsafe-memory-access";
    /** First Java version that warns about {@code sun.misc.Unsafe} memory access and knows the flag. */
    static final int UNSAFE_FLAG_SINCE = 24;

    private final Fields header;
    private String java = "java";
    private int javaMajor;
    private Path agentJar;
    private Path journal;
    private Path resultFile;
    private Integer debugPort;

    ChildCommandLine(Fields header) {
        this.header = header;
    }

    /** The java executable and its feature version (0 when unknown). */
    ChildCommandLine java(String executable, int major) {
        this.java = executable;
        this.javaMajor = major;
        return this;
    }

    ChildCommandLine agent(Path jar, Path journalDir, Path result) {
        this.agentJar = jar;
        this.journal = journalDir;
        this.resultFile = result;
        return this;
    }

    private Path decryptKey;
    private List<String> mainArgs;

    /** The exact recorded arguments of {@code main}; null to use the header's (split from the command line). */
    ChildCommandLine mainArgs(List<String> args) {
        this.mainArgs = args;
        return this;
    }

    /** The AES key file the replay agent decrypts the journal with; null for none. */
    ChildCommandLine decrypt(Path keyFile) {
        this.decryptKey = keyFile;
        return this;
    }

    /** The exception the replay agent throws (and catches) where {@code --stop-at-exit} stops. */
    static final String STOP_POINT_CLASS = "dev.airlock.replayer.agent.ReplayStopPoint";

    private String stopWhen;
    private Long stopAtEvent;

    private List<Path> classPath = List.of();

    /**
     * The classpath entries to run with, as {@link ClasspathResolver} found them (originals or bundled
     * copies); empty keeps the recorded class path.
     */
    ChildCommandLine classPath(List<Path> entries) {
        this.classPath = entries == null ? List.of() : entries;
        return this;
    }

    private Path progressFile;
    private Path sandbox;

    /** {@code --sandbox DIR}: the replay writes the files the program wrote under DIR instead of dropping them. */
    ChildCommandLine sandbox(Path dir) {
        this.sandbox = dir;
        return this;
    }

    /** Where the replay agent reports how many events it replayed, for the CLI's progress line; null for none. */
    ChildCommandLine progressFile(Path file) {
        this.progressFile = file;
        return this;
    }

    /** {@code --stop-at EVENT}: the replay agent throws the stop point at that event. */
    ChildCommandLine stopAtEvent(Long index) {
        this.stopAtEvent = index;
        return this;
    }

    /** A JDWP suboption ({@code onthrow=CLASS}, {@code onuncaught=y}) that delays the debugger until then. */
    ChildCommandLine stopWhen(String suboption) {
        this.stopWhen = suboption;
        return this;
    }

    /** JDWP runs a command when an onthrow/onuncaught stop is reached; one that does nothing, or null. */
    static String launchCommand() {
        for (String c : new String[] {"/bin/true", "/usr/bin/true"}) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    /** Null for no debugger. */
    ChildCommandLine debugPort(Integer port) {
        this.debugPort = port;
        return this;
    }

    /** The full argv; a {@code JournalException} when the header names no main class or jar. */
    List<String> build() {
        String mainJar = header.get(HeaderKeys.MAIN_JAR);
        String mainClass = header.get(HeaderKeys.MAIN_CLASS);
        if (isBlank(mainJar) && isBlank(mainClass)) {
            throw new JournalException("the journal header names neither a main class nor a main jar; "
                + "cannot tell what to replay");
        }
        String agent = "-javaagent:" + agentJar + "=replay=" + journal + ",result=" + resultFile
            + (decryptKey == null ? "" : ",decrypt=" + decryptKey)
            + (progressFile == null ? "" : ",progress=" + progressFile)
            + (sandbox == null ? "" : ",sandbox=" + sandbox)
            + (stopAtEvent != null ? ",stop-at-event=" + stopAtEvent
                : stopWhen != null && stopWhen.equals("onthrow=" + STOP_POINT_CLASS) ? ",stop-at-exit=true" : "");
        List<String> argv = new ArrayList<>();
        argv.add(java);
        if (javaMajor >= UNSAFE_FLAG_SINCE) {
            argv.add(UNSAFE_FLAG + "=allow");
        }
        boolean agentPlaced = false;
        for (String arg : header.list(HeaderKeys.JVM_ARG)) {
            if (isAirlockAgent(arg)) {
                if (!agentPlaced) {
                    argv.add(agent);
                    agentPlaced = true;
                }
            } else if (keepsJvmArg(arg)) {
                argv.add(arg);
            }
        }
        argv.addAll(pinnedProperties(header));
        argv.addAll(pinnedProcessors(header));
        if (debugPort != null) {
            argv.add(debugAgent(debugPort) + (stopWhen == null ? "" : "," + stopWhen + ",launch=" + launchCommand()));
        }
        if (!agentPlaced) {
            argv.add(agent);
        }
        if (!isBlank(mainJar)) {
            argv.add("-jar");
            // With -jar the class path is that one jar.
            argv.add(classPath.size() == 1 ? classPath.get(0).toString() : mainJar);
        } else {
            String recordedPath = header.get(HeaderKeys.CLASS_PATH);
            String path = classPath.isEmpty() || isBlank(recordedPath) ? recordedPath
                : String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList());
            if (!isBlank(path)) {
                argv.add("-cp");
                argv.add(path);
            }
            argv.add(mainClass);
        }
        argv.addAll(mainArgs != null ? mainArgs : header.list(HeaderKeys.MAIN_ARG));
        return argv;
    }

    /** A recorded JVM argument the replay keeps: not Airlock's agent, not a debugger, not the Unsafe flag. */
    static boolean keepsJvmArg(String arg) {
        String lower = arg.toLowerCase(Locale.ROOT);
        return !isAirlockAgent(arg)
            && !lower.startsWith("-agentlib:jdwp")
            && !lower.startsWith("-xrunjdwp")
            && !(lower.startsWith("-agentpath:") && lower.contains("jdwp"))
            && !arg.startsWith(UNSAFE_FLAG);
    }

    /** {@code -javaagent:} whose jar path (before any {@code =options}) mentions airlock. */
    static boolean isAirlockAgent(String arg) {
        if (!arg.startsWith("-javaagent:")) {
            return false;
        }
        String rest = arg.substring("-javaagent:".length());
        int eq = rest.indexOf('=');
        String path = eq < 0 ? rest : rest.substring(0, eq);
        return path.toLowerCase(Locale.ROOT).contains("airlock");
    }

    /** The {@code -D} flags that pin time zone, locale and file encoding to the recorded ones. */
    static List<String> pinnedProperties(Fields header) {
        List<String> flags = new ArrayList<>();
        String zone = header.get(HeaderKeys.TIME_ZONE);
        if (!isBlank(zone)) {
            flags.add("-Duser.timezone=" + zone);
        }
        String tag = header.get(HeaderKeys.LOCALE);
        if (!isBlank(tag)) {
            Locale locale = Locale.forLanguageTag(tag);
            // All three, even when empty, so nothing is taken from the workstation's locale.
            flags.add("-Duser.language=" + locale.getLanguage());
            flags.add("-Duser.country=" + locale.getCountry());
            flags.add("-Duser.variant=" + locale.getVariant());
            if (!locale.getScript().isEmpty()) {
                flags.add("-Duser.script=" + locale.getScript());
            }
        }
        String encoding = header.get(HeaderKeys.FILE_ENCODING);
        if (!isBlank(encoding)) {
            flags.add("-Dfile.encoding=" + encoding);
        }
        return flags;
    }

    /**
     * The recorded processor count, unless the recording set it itself: the JDK sizes the common pool
     * (parallel streams, {@code CompletableFuture}'s async stages) and its splitting of a stream's work by
     * it, and an analyst's workstation seldom has the production machine's count.
     */
    static List<String> pinnedProcessors(Fields header) {
        String n = header.get(HeaderKeys.PROCESSORS);
        boolean setByRecording = header.list(HeaderKeys.JVM_ARG).stream()
            .anyMatch(a -> a.startsWith("-XX:ActiveProcessorCount="));
        return isBlank(n) || setByRecording ? List.of() : List.of("-XX:ActiveProcessorCount=" + n.trim());
    }

    /** A JDWP server listening on the loopback interface only, waiting for the debugger before main. */
    static String debugAgent(int port) {
        return "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:" + port;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
