package dev.airlock.replayer.cli;

import dev.airlock.format.ChronicleSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code airlock} command: the {@code Main-Class} of airlock.jar, started by the {@code ./airlock}
 * launcher script. It only wires the subcommands ({@link InspectCommand}, {@link EventsCommand},
 * {@link ReplayCommand}, {@link VerifyCommand}, {@link AuditCommand}, {@code help}) and the error handling
 * of {@link CliErrors}; run without one it is a usage error.
 */
@Command(name = "airlock",
    mixinStandardHelpOptions = true,
    versionProvider = AirlockCli.ManifestVersion.class,
    description = "Deterministic record-replay for the JVM: inspect a recording, list its events, verify it, "
        + "replay it.",
    subcommands = {HelpCommand.class, InspectCommand.class, EventsCommand.class, ReplayCommand.class,
        VerifyCommand.class, AuditCommand.class, CtlCommand.class, SnapshotCommand.class, SnapshotsCommand.class, PackCommand.class, ReportCommand.class},
    footer = {"", "Exit codes: 0 success (replay: the application's exit code), 2 usage,",
        "65 bad journal, 66 diverged, 67 end of a cut-short recording, 68 output or exit",
        "code differ, 69 ctl: no recording JVM at that pid, 70 internal error, 72 tampered,",
        "73 truncated (not sealed),",
        "74 sealed but not checked (no --key)."})
public final class AirlockCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Runs the CLI and exits the JVM with its exit code. */
    public static void main(String[] args) {
        ChronicleSettings.apply();
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with Airlock's one-line error handling installed; what {@link #main} runs. */
    public static CommandLine newCommandLine() {
        CliErrors errors = new CliErrors();
        return new CommandLine(new AirlockCli())
            .setExecutionStrategy(CliErrors::runGuarded)
            .setExecutionExceptionHandler(errors)
            .setParameterExceptionHandler(errors);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
            "missing subcommand: inspect, events, replay, verify, audit or help");
    }

    /** The version from airlock.jar's manifest ({@code Implementation-Version}), or 0.1.0 outside the jar. */
    public static final class ManifestVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AirlockCli.class.getPackage().getImplementationVersion();
            return new String[] {"airlock " + (version == null ? "0.1.0" : version),
                "Java ${java.version} (${java.vendor}), ${os.name} ${os.arch}"};
        }
    }
}
