package dev.airlock.format;

/** The keys of the journal header and end document. Documented in docs/journal-format.md. */
public final class HeaderKeys {

    public static final String CURRENT_FORMAT = "1";

    public static final String FORMAT_VERSION = "format.version";
    public static final String AIRLOCK_VERSION = "airlock.version";
    public static final String RECORDING_ID = "recording.id";
    public static final String START_MILLIS = "start.millis";
    public static final String JAVA_VERSION = "java.version";
    public static final String JAVA_VENDOR = "java.vendor";
    public static final String JAVA_HOME = "java.home";
    public static final String JAVA_SPEC = "java.specification.version";
    public static final String JVM_ARG = "jvm.arg.";
    public static final String COMMAND = "command";
    public static final String MAIN_CLASS = "main.class";
    public static final String MAIN_JAR = "main.jar";
    public static final String MAIN_ARG = "main.arg.";
    public static final String CLASS_PATH = "class.path";
    public static final String WORKING_DIR = "working.dir";
    public static final String TIME_ZONE = "time.zone";
    public static final String LOCALE = "locale";
    /** {@code Runtime.availableProcessors()} at the start: what the JDK sizes its pools by (the common pool). */
    public static final String PROCESSORS = "jvm.processors";
    public static final String CHARSET = "charset";
    public static final String FILE_ENCODING = "file.encoding";
    public static final String AGENT_OPTIONS = "agent.options";
    /** How threads were recorded: {@code serial}, {@code ordered} or {@code free}. */
    public static final String THREADS = "threads.mode";
    /**
     * {@code threads=serial}: where the recorder could switch threads, {@code calls} (method entries and loop
     * back-edges; also when absent) or {@code memory} (also field and array element accesses). Replay
     * puts its points in the same places.
     */
    public static final String PREEMPT = "threads.preempt";
    public static final String HOST = "host";
    public static final String USER = "user";
    public static final String PID = "pid";
    /** Per classpath entry i: path, sha256 and size; in the NOTE document written after start. */
    public static final String CLASSPATH_ENTRY = "classpath.";

    // End document.
    public static final String EXIT_CODE = "exit.code";
    public static final String EXIT_CAUSE = "exit.cause";
    public static final String END_MILLIS = "end.millis";
    public static final String STDOUT_BYTES = "stdout.bytes";
    public static final String STDOUT_SHA256 = "stdout.sha256";
    public static final String STDERR_BYTES = "stderr.bytes";
    public static final String STDERR_SHA256 = "stderr.sha256";
    public static final String EVENTS = "events";
    public static final String UNCAUGHT = "uncaught.";

    private HeaderKeys() {
    }
}
