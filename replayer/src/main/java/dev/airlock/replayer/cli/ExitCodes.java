package dev.airlock.replayer.cli;

/**
 * Every exit code the {@code airlock} command returns; the single place they are defined. Scripts and
 * CI jobs depend on these values, so they never change meaning. The subcommands return them from
 * {@code call()}, and {@link CliErrors} returns them for failures. The table in {@code README-cli.md}
 * documents the same values.
 *
 * <ul>
 *   <li>{@link #OK} 0: success. For {@code replay}, a replay that matched returns the application's own
 *       exit code instead, so {@code airlock replay} can stand in for the recorded run.</li>
 *   <li>{@link #USAGE} 2: the command line was wrong (picocli's usage error code).</li>
 *   <li>{@link #BAD_JOURNAL} 65: the journal is missing, empty, unreadable, damaged or altered.</li>
 *   <li>{@link #DIVERGED} 66: the replayed program asked for a value the recording does not hold next.</li>
 *   <li>{@link #END_OF_RECORDING} 67: the replay used up a recording that was cut short.</li>
 *   <li>{@link #DIFFERS} 68: no event diverged, but the exit code or the output differ from the recording.</li>
 *   <li>{@link #NO_RECORDING} 69: {@code ctl}, {@code snapshot}: no JVM of this user answered at that pid
 *       (not a JVM, gone, another user's); for {@code ctl}, or one that runs no recording.</li>
 *   <li>{@link #INTERNAL} 70: a failure of Airlock itself, a replay JVM that crashed before reporting, or a
 *       replay that timed out; the one-line message names the log to look in.</li>
 *   <li>{@link #TAMPERED} 72: {@code verify}: a document fails the digest chain, the seal does not verify or
 *       something follows it; {@code replay}: refused for that reason (unless {@code --force});
 *       {@code audit}: an audit entry was altered, removed, inserted or moved.</li>
 *   <li>{@link #REFUSED} 71: {@code snapshot}: the JVM refused the point (unknown class or line, a condition
 *       naming a variable or field that is not there, its policy file).</li>
 *   <li>{@link #TRUNCATED} 73: {@code verify}: the chain holds but the journal ends before its seal.</li>
 *   <li>{@link #UNVERIFIED} 74: {@code verify}: intact chain and a MAC or signature seal, but no {@code --key}
 *       to check it, so a forged journal cannot be told apart.</li>
 *   <li>{@link #CLASSPATH_CHANGED} 75: {@code replay}: a jar or class folder on the recorded classpath
 *       changed or is missing (names it; {@code --allow-classpath-changes} replays anyway).</li>
 * </ul>
 */
public final class ExitCodes {

    /** Success; a matched replay returns the application's exit code instead. */
    public static final int OK = 0;
    /** Wrong command line: unknown option, missing parameter, bad value. */
    public static final int USAGE = 2;
    /** Journal missing, empty, unreadable, damaged or altered. */
    public static final int BAD_JOURNAL = 65;
    /** The replay diverged from the recording. */
    public static final int DIVERGED = 66;
    /** The replay reached the end of a recording that was cut short. */
    public static final int END_OF_RECORDING = 67;
    /** The replay finished without divergence, but its exit code or output differ from the recording. */
    public static final int DIFFERS = 68;
    /** Internal error, crashed replay JVM or timeout. */
    public static final int INTERNAL = 70;

    /** {@code ctl}, {@code snapshot}: no JVM answered at that pid (not a JVM, another user's, gone), or,
     * for {@code ctl}, it runs no recording. */
    public static final int NO_RECORDING = 69;
    /** {@code snapshot}: the JVM refused the point (unknown class or line, a condition naming what is not
     * there, its policy). */
    public static final int REFUSED = 71;
    /** The journal (or its audit trail) was altered: {@code verify}, {@code audit}, a refused {@code replay}. */
    public static final int TAMPERED = 72;
    /** {@code verify}: the journal ends before its seal (a killed recorder, a partial copy). */
    public static final int TRUNCATED = 73;
    /** {@code verify}: sealed with a key, but none was given to check the seal. */
    public static final int UNVERIFIED = 74;
    /** {@code replay}: a classpath jar or class folder differs from the recording (without
     * {@code --allow-classpath-changes}). */
    public static final int CLASSPATH_CHANGED = 75;

    private ExitCodes() {
    }
}
