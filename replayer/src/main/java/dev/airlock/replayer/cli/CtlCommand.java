package dev.airlock.replayer.cli;

import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airlock ctl PID status|stop}: talks to a recording JVM on this machine through the JDK Attach
 * API (same OS user only; a local socket, no network port). {@code stop} seals the journal and removes
 * the instrumentation; the application runs on unrecorded.
 */
@Command(name = "ctl", mixinStandardHelpOptions = true,
    description = "Show the status of a recording JVM on this machine, or stop its recording.")
final class CtlCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "process id of the recording JVM")
    private long pid;

    @Parameters(index = "1", paramLabel = "ACTION", description = "status or stop")
    private String action;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!action.equals("status") && !action.equals("stop")) {
            err.println("airlock: ctl takes status or stop, not '" + action + "'");
            return ExitCodes.USAGE;
        }
        Properties answer;
        try {
            answer = AttachTarget.send(pid, "ctl=" + action);
        } catch (AttachTarget.Unreachable e) {
            err.println(CliErrors.PREFIX + e.getMessage());
            return ExitCodes.NO_RECORDING;
        }
        if (answer.getProperty("error") != null) {
            err.println("airlock: pid " + pid + ": " + answer.getProperty("error"));
            return ExitCodes.NO_RECORDING;
        }
        for (String key : new String[] {"state", "stopped", "journal", "events", "bytes", "documents", "uptime.ms",
            "rate.events_per_s"}) {
            if (answer.getProperty(key) != null) {
                out.println(key + ": " + answer.getProperty(key));
            }
        }
        return ExitCodes.OK;
    }
}
