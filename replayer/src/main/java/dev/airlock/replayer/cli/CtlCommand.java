package dev.airlock.replayer.cli;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Path agentJar = ReplayCommand.agentJar();
        if (agentJar == null) {
            err.println("airlock: cannot find airlock.jar to send the request with; build it first");
            return ExitCodes.INTERNAL;
        }
        Path reply = Files.createTempFile("airlock-ctl-", ".properties");
        try {
            VirtualMachine vm;
            try {
                vm = VirtualMachine.attach(Long.toString(pid));
            } catch (AttachNotSupportedException | IOException | SecurityException e) {
                err.println("airlock: cannot reach a JVM with pid " + pid + " (not a JVM, not running, or another user's): "
                    + CliErrors.oneLine(String.valueOf(e.getMessage())));
                return ExitCodes.NO_RECORDING;
            }
            try {
                vm.loadAgent(agentJar.toString(), "ctl=" + action + ",reply=" + reply);
            } finally {
                vm.detach();
            }
            Properties answer = new Properties();
            try (InputStream in = Files.newInputStream(reply)) {
                answer.load(in);
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
        } catch (com.sun.tools.attach.AgentLoadException | com.sun.tools.attach.AgentInitializationException e) {
            err.println("airlock: pid " + pid + " refused the request: " + CliErrors.oneLine(String.valueOf(e.getMessage())));
            return ExitCodes.NO_RECORDING;
        } finally {
            Files.deleteIfExists(reply);
        }
    }
}
