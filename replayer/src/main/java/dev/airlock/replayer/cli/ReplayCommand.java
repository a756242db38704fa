package dev.airlock.replayer.cli;

import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.format.JournalException;
import dev.airlock.format.JournalVerifier;
import dev.airlock.format.SealKey;
import dev.airlock.format.TamperedJournalException;
import dev.airlock.format.Verdict;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airlock replay DIR}: verifies the journal ({@link JournalVerifier}; a tampered one is refused
 * with 72 unless {@code --force}), re-runs the recorded program in a new JVM with the replay agent, which
 * feeds it the recorded values, then judges the outcome ({@link ReplayVerdict}) and optionally writes a
 * JSON report ({@link ReplayReport}). Every run adds an entry to the journal's audit trail. Run by
 * {@link AirlockCli}. The child's command line is
 * {@link ChildCommandLine}'s; the application's stdout and stderr pass straight through, stdin is empty.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Re-runs the recorded program, feeding it the recorded values, and checks it behaves as recorded.",
        "Exits with the program's own exit code when the replay matched; 66 when it diverged, 67 when it ran past",
        "the end of a cut-short recording, 68 when exit code or output differ, 65 for a bad journal, 72 for a",
        "tampered journal (refused unless --force), 70 otherwise."})
public final class ReplayCommand implements Callable<Integer> {

    /** System property naming the jar to load the replay agent from, instead of the jar this class is in. */
    public static final String AGENT_JAR_PROPERTY = "airlock.agent.jar";
    /** Launcher variables that would change the replay JVM behind the recording's back. */
    private static final List<String> JVM_OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    private static final long STOP_GRACE_SECONDS = 5;

    @Spec
    CommandSpec spec;

    @Mixin
    DecryptOption decrypt = new DecryptOption();

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the outcome as JSON to FILE.")
    Path report;

    @Option(names = "--java", paramLabel = "PATH",
        description = "The java executable (or Java home) to replay on; default: the one running airlock.")
    Path java;

    @Option(names = "--debug", arity = "0..1", fallbackValue = "5005", paramLabel = "PORT",
        description = "Wait for a debugger on 127.0.0.1:PORT (default 5005) before main starts.")
    Integer debugPort;

    @Option(names = "--allow-classpath-changes",
        description = "Replay even when a classpath jar or class folder differs from the recording (a warning each).")
    boolean allowClasspathChanges;

    @Option(names = "--stop-at-exception", arity = "0..1", fallbackValue = "", paramLabel = "CLASS",
        description = {"Run at full speed until the first throw of CLASS (caught or not; without CLASS: the first",
            "uncaught exception), then suspend the replay there and wait for a debugger (see --debug)."})
    String stopAtException;

    @Option(names = "--stop-at", paramLabel = "EVENT",
        description = "Run until the program asks for recorded event EVENT (the #index 'airlock events' prints), "
            + "then suspend the replay there and wait for a debugger (see --debug).")
    Long stopAtEvent;

    @Option(names = "--stop-at-exit", description = "Run until the program calls System.exit, then suspend the replay "
        + "there and wait for a debugger (see --debug).")
    boolean stopAtExit;

    @Option(names = "--timeout", paramLabel = "SECONDS",
        description = "Stop the replay after SECONDS (exit code 70); default: no limit.")
    Long timeout;

    @Option(names = "--sandbox", paramLabel = "DIR",
        description = "Write the files the program writes under DIR (at their absolute paths below it) instead of "
            + "dropping them; the bytes are still compared with the recording first.")
    Path sandbox;

    @Option(names = "--verbose", description = "Print the replay JVM's command line before running it.")
    boolean verbose;

    @Option(names = "--key", paramLabel = "FILE",
        description = "Check the journal's seal with this key (as 'airlock verify --key') before replaying.")
    Path key;

    @Option(names = "--force", description = "Replay a journal that fails verification anyway (for forensics); "
        + "the report says \"forced\": true.")
    boolean force;

    private PrintWriter err;
    /** The terminal progress line, or null. */
    private ProgressLine progress;
    /** The verification line, for the report and the audit trail. */
    private String integrity;
    private boolean forced;
    /** What the audit entry says happened; set with every exit path that returns. */
    private String outcome;
    /** Between the analyst's debugger and the replay JVM with {@code --debug}, else null. */
    private JdwpRelay relay;

    @Override
    public Integer call() throws IOException {
        err = spec.commandLine().getErr();
        checkOptions();
        SealKey sealKey = VerifyCommand.loadKey(spec, key);
        Path journal = dir.toAbsolutePath().normalize();
        Path unpacked = null;
        if (Files.isRegularFile(journal)) {
            try {
                unpacked = PackArchive.unpack(journal);
            } catch (JournalException e) {
                return CliErrors.report(e, err);
            }
            err.println(CliErrors.PREFIX + "unpacked " + journal.getFileName() + " into " + unpacked);
            journal = unpacked;
        }
        if (journal.toString().contains(",")) {
            throw new ParameterException(spec.commandLine(), "the journal path " + journal
                + " contains a comma, which agent options cannot carry; move or link the journal elsewhere");
        }
        int code = ExitCodes.INTERNAL;
        outcome = "internal error";
        try {
            code = run(journal, sealKey);
            return code;
        } catch (ParameterException e) {
            code = ExitCodes.USAGE;
            outcome = "usage error: " + e.getMessage();
            throw e;
        } catch (IOException | RuntimeException e) {
            outcome = "internal error: " + e;
            throw e;
        } finally {
            AuditCommand.record(spec, journal, "replay", outcome, code);
            if (unpacked != null) {
                deleteTree(unpacked);
            }
        }
    }

    private int run(Path journal, SealKey sealKey) throws IOException {
        RecordedOutcome recorded;
        List<String> argv;
        Path resultDir = null;
        try {
            Verdict verdict = JournalVerifier.verify(journal, sealKey);
            integrity = verdict.line();
            if (verdict.status() == Verdict.Status.TAMPERED) {
                if (!force) {
                    return fail("refusing to replay: " + integrity + " (--force replays it anyway)", ExitCodes.TAMPERED);
                }
                if (verdict.header() == null) {
                    return fail("cannot replay: " + integrity + " (the header itself is altered; not even --force "
                        + "can replay without it)", ExitCodes.TAMPERED);
                }
                forced = true;
                err.println(CliErrors.PREFIX + "warning: replaying a journal that failed verification (--force): "
                    + integrity);
            }
            recorded = recordedOutcome(journal, verdict);
            JavaInstallation jvm = javaInstallation();
            warnOnJavaVersion(recorded.header(), jvm);
            Path workDir = workingDir(recorded.header());
            Path agentJar = agentJar();
            if (agentJar == null) {
                return fail("cannot find airlock.jar to load the replay agent from; build it with "
                    + "'mvn -q package -DskipTests' or pass -D" + AGENT_JAR_PROPERTY + "=PATH", ExitCodes.INTERNAL);
            }
            resultDir = Files.createTempDirectory("airlock-replay-");
            Path resultFile = resultDir.resolve("result.properties");
            ClasspathResolver.Resolution code = ClasspathResolver.resolve(recorded.classpath(), journal);
            List<String> changed = code.problems();
            if (!changed.isEmpty() && !allowClasspathChanges) {
                return fail("the code differs from the recording: " + changed.get(0)
                    + (changed.size() > 1 ? " (and " + (changed.size() - 1) + " more)" : "")
                    + "; replay it anyway with --allow-classpath-changes", ExitCodes.CLASSPATH_CHANGED);
            }
            for (String c : changed) {
                err.println(CliErrors.PREFIX + "warning: classpath entry " + c);
            }
            if (debugPort != null) {
                try {
                    relay = JdwpRelay.listen(debugPort, err);
                } catch (IOException e) {
                    return fail("--debug: cannot listen on 127.0.0.1:" + debugPort + ": " + e.getMessage(), ExitCodes.USAGE);
                }
            }
            argv = new ChildCommandLine(recorded.header())
                .java(jvm.executable().toString(), jvm.major())
                .agent(agentJar, journal, resultFile)
                .decrypt(decrypt.keyFile())
                .mainArgs(recorded.mainArgs())
                .debugPort(relay == null ? null : relay.vmPort())
                .stopWhen(stopCondition())
                .stopAtEvent(stopAtEvent)
                .classPath(code.paths())
                .progressFile(progressFile(resultFile, recorded))
                .sandbox(sandboxDir())
                .build();
            return replay(argv, workDir, resultFile, recorded, journal);
        } catch (JournalException e) {
            outcome = e.getMessage();
            return CliErrors.report(e, err);
        } finally {
            if (relay != null) {
                relay.close();
            }
            deleteQuietly(resultDir);
        }
    }

    /**
     * The recorded side, read up to the first bad document when the verifier said the journal is cut
     * short there or the replay is forced (the replay agent stops reading at the same place).
     */
    private static RecordedOutcome recordedOutcome(Path journal, Verdict verdict) {
        try {
            return RecordedOutcome.read(journal);
        } catch (TamperedJournalException e) {
            if (verdict.status() == Verdict.Status.INTACT || verdict.header() == null) {
                throw e;
            }
            return new RecordedOutcome(verdict.header(), verdict.events(), null, e.getMessage());
        }
    }

    /** The JDWP suboption that delays the debugger until the stop point, or null. */
    private String stopCondition() {
        if (stopAtExit || stopAtEvent != null) {
            return "onthrow=" + ChildCommandLine.STOP_POINT_CLASS;
        }
        if (stopAtException == null) {
            return null;
        }
        return stopAtException.isEmpty() ? "onuncaught=y" : "onthrow=" + stopAtException;
    }

    private void checkOptions() {
        if ((stopAtExit ? 1 : 0) + (stopAtException != null ? 1 : 0) + (stopAtEvent != null ? 1 : 0) > 1) {
            throw new ParameterException(spec.commandLine(), "--stop-at, --stop-at-exit and --stop-at-exception: choose one");
        }
        if (stopAtEvent != null && stopAtEvent < 0) {
            throw new ParameterException(spec.commandLine(), "--stop-at: the event index must be 0 or more, not " + stopAtEvent);
        }
        if (stopAtEvent != null && debugPort == null) {
            debugPort = 5005;
        }
        if (stopAtException != null && !stopAtException.isEmpty()
            && !stopAtException.matches("[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*(\\.[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}$]*)*")) {
            throw new ParameterException(spec.commandLine(), "--stop-at-exception: '" + stopAtException
                + "' is not a class name such as java.lang.IllegalStateException");
        }
        if ((stopAtExit || stopAtException != null) && debugPort == null) {
            debugPort = 5005;
        }
        if ((stopAtExit || stopAtException != null || stopAtEvent != null) && ChildCommandLine.launchCommand() == null) {
            throw new ParameterException(spec.commandLine(), "the --stop-at options need /bin/true or /usr/bin/true");
        }
        if (debugPort != null && (debugPort < 1 || debugPort > 65535)) {
            throw new ParameterException(spec.commandLine(), "--debug: port must be 1-65535, not " + debugPort);
        }
        if (timeout != null && timeout <= 0) {
            throw new ParameterException(spec.commandLine(), "--timeout: seconds must be positive, not " + timeout);
        }
        if (report != null) {
            Path parent = report.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new ParameterException(spec.commandLine(), "--report: directory " + parent + " does not exist");
            }
        }
    }

    private int replay(List<String> argv, Path workDir, Path resultFile, RecordedOutcome recorded, Path journal)
        throws IOException {
        if (debugPort != null) {
            printDebugHelp();
        }
        if (verbose) {
            err.println(CliErrors.PREFIX + "running in " + workDir + ": " + ShellWords.join(argv));
        }
        ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
        File devNull = new File("/dev/null");
        pb.redirectInput(devNull.exists() ? ProcessBuilder.Redirect.from(devNull) : ProcessBuilder.Redirect.PIPE);
        removeJvmOptionVariables(pb.environment());
        err.flush();
        spec.commandLine().getOut().flush();
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            return fail("cannot start the replay JVM " + argv.get(0) + ": " + e.getMessage(), ExitCodes.INTERNAL);
        }
        if (relay != null) {
            relay.start(child);
        }
        child.getOutputStream().close();
        // Ctrl-C or a kill of airlock: stop the replay JVM too, and leave no temporary files.
        Thread stopOnExit = new Thread(() -> {
            stop(child);
            deleteQuietly(resultFile.getParent());
        }, "airlock-stop-replay");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        ReplayResult result = null;
        Integer exitCode = null;
        ReplayVerdict verdict;
        try {
            if (waitFor(child)) {
                exitCode = child.exitValue();
                result = ReplayResult.read(resultFile);
                verdict = ReplayVerdict.judge(result, recorded, exitCode, journal);
            } else {
                stop(child);
                verdict = ReplayVerdict.timedOut(timeout, journal);
            }
        } catch (InterruptedException e) {
            stop(child);
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for the replay JVM", ExitCodes.INTERNAL);
        } finally {
            removeShutdownHook(stopOnExit);
        }
        return finish(verdict, result, recorded, exitCode, journal);
    }

    private int finish(ReplayVerdict verdict, ReplayResult result, RecordedOutcome recorded, Integer exitCode,
                       Path journal) {
        String reportFailure = null;
        if (report != null) {
            try {
                ReplayReport.write(report, ReplayReport.json(verdict, result, recorded, exitCode, journal, integrity,
                    forced));
            } catch (IOException e) {
                reportFailure = "cannot write the report " + report + ": " + e.getMessage();
            }
        }
        if ((verdict.exitCode() == ExitCodes.DIVERGED || verdict.exitCode() == ExitCodes.DIFFERS)
            && "ordered".equals(recorded.header().get(HeaderKeys.THREADS))) {
            err.println(CliErrors.PREFIX + "note: the recording used threads=ordered, which orders the program's own "
                + "monitors, locks, semaphores, atomics and volatile fields and its calls of thread-safe JDK classes, "
                + "but not data races or the JDK's lock-free internals (SynchronousQueue and so cached "
                + "thread pools); "
                + "threads=serial replays those exactly (docs/threads.md)");
        }
        err.println(verdict.line());
        err.flush();
        outcome = (forced ? "forced: " : "") + stripPrefix(verdict.line());
        if (reportFailure != null) {
            return fail(reportFailure, verdict.matched() ? ExitCodes.INTERNAL : verdict.exitCode());
        }
        return verdict.exitCode();
    }

    /** Where the replay reports progress when a progress line will be drawn, else null. */
    private Path progressFile(Path resultFile, RecordedOutcome recorded) {
        progress = debugPort == null ? ProgressLine.onTerminal(err, resultFile.resolveSibling("progress"), recorded.events())
            : null;
        return progress == null ? null : progress.file();
    }

    private boolean waitFor(Process child) throws InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        try {
            while (!child.waitFor(250, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                if (progress != null) {
                    progress.update();
                }
            }
            return true;
        } finally {
            if (progress != null) {
                progress.clear();
            }
        }
    }

    /** Asks the child (and anything it started) to stop, then forces it. */
    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.descendants().forEach(ProcessHandle::destroy);
        child.destroy();
        try {
            if (!child.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs anyway.
        }
    }

    private JavaInstallation javaInstallation() {
        if (java == null) {
            return JavaInstallation.current();
        }
        JavaInstallation jvm = JavaInstallation.at(java);
        if (jvm == null) {
            throw new ParameterException(spec.commandLine(), "--java: " + java + " is neither a java executable nor a Java home");
        }
        return jvm;
    }

    private void warnOnJavaVersion(Fields header, JavaInstallation jvm) {
        int recorded = JavaInstallation.parseMajor(header.get(HeaderKeys.JAVA_SPEC));
        if (recorded != 0 && jvm.major() != 0 && recorded != jvm.major()) {
            err.println(CliErrors.PREFIX + "warning: the recording ran on Java " + recorded + " but the replay runs on Java "
                + jvm.major() + " (" + jvm.executable() + "); choose another with --java");
        }
    }

    /** The recorded working directory when it exists here, else the current one (with a warning). */
    private Path workingDir(Fields header) {
        Path here = Path.of("").toAbsolutePath();
        String recorded = header.get(HeaderKeys.WORKING_DIR);
        if (recorded == null || recorded.isBlank()) {
            return here;
        }
        Path path = Path.of(recorded);
        if (Files.isDirectory(path)) {
            return path;
        }
        err.println(CliErrors.PREFIX + "warning: recorded working directory " + recorded
            + " does not exist here; replaying in " + here);
        return here;
    }

    /** The {@value #AGENT_JAR_PROPERTY} property, else the jar this class was loaded from; null when neither is a file. */
    static Path agentJar() {
        String override = System.getProperty(AGENT_JAR_PROPERTY);
        if (override != null && !override.isBlank()) {
            Path jar = Path.of(override).toAbsolutePath();
            return Files.isRegularFile(jar) ? jar : null;
        }
        try {
            CodeSource source = ReplayCommand.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (Exception e) {
            return null;
        }
    }

    private void removeJvmOptionVariables(Map<String, String> env) {
        for (String name : JVM_OPTION_VARIABLES) {
            if (env.remove(name) != null) {
                err.println(CliErrors.PREFIX + "note: " + name + " is not passed to the replay JVM; "
                    + "the recorded JVM arguments are used instead");
            }
        }
    }

    private void printDebugHelp() {
        String address = "127.0.0.1:" + debugPort;
        String when = stopAtEvent != null ? "when the program asks for recorded event " + stopAtEvent
            : stopAtExit ? "when the program calls System.exit"
            : stopAtException == null ? "before main starts"
            : stopAtException.isEmpty() ? "at the first uncaught exception" : "at the first throw of " + stopAtException;
        err.println(CliErrors.PREFIX + "the replay JVM stops " + when + " and then waits for a debugger on " + address
            + " (loopback only)");
        err.println(CliErrors.PREFIX + "  attach with: jdb -attach " + address);
        err.println(CliErrors.PREFIX + "  or in IntelliJ IDEA / Eclipse: a \"Remote JVM Debug\" configuration, host 127.0.0.1, port "
            + debugPort);
    }

    private int fail(String message, int exitCode) {
        err.println(CliErrors.PREFIX + CliErrors.oneLine(message));
        err.flush();
        outcome = (forced ? "forced: " : "") + message;
        return exitCode;
    }

    private static String stripPrefix(String line) {
        return line.startsWith(CliErrors.PREFIX) ? line.substring(CliErrors.PREFIX.length()) : line;
    }

    private static void deleteTree(Path root) {
        try (var all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException ignored) {
            // a leftover temp folder is not worth failing the replay for
        }
    }

    private static void deleteQuietly(Path resultDir) {
        if (resultDir == null) {
            return;
        }
        try (var files = Files.list(resultDir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(resultDir);
        } catch (IOException | RuntimeException ignored) {
            // A leftover temp file is not worth failing the replay for.
        }
    }

    /** The sandbox folder, absolute and created; a usage error when it cannot be one. */
    private Path sandboxDir() {
        if (sandbox == null) {
            return null;
        }
        Path dir = sandbox.toAbsolutePath().normalize();
        if (dir.toString().contains(",")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--sandbox: the folder's path must not contain a comma: " + dir);
        }
        try {
            return Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--sandbox: cannot create " + dir + ": " + e.getMessage());
        }
    }
}
