package dev.airlock.replayer.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * Sends one request to the Airlock agent in a running JVM on this machine: loads {@code airlock.jar}
 * into it through the JDK Attach API (same OS user, a local socket, no network port) with the given
 * arguments plus {@code reply=FILE}, and reads the reply.
 *
 * <p>The pid must be a JVM the Attach API lists. Attaching blindly is not safe: on Linux the JDK asks a
 * process it cannot find a socket for to start one by sending it SIGQUIT, which ends any process that is
 * not a JVM.
 */
final class AttachTarget {

    /** A request that could not be delivered: the message is one line for the user. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    private AttachTarget() {
    }

    /** The agent's reply; {@code args} must not contain {@code reply=}. */
    static Properties send(long pid, String args) throws Unreachable, IOException {
        Path agentJar = ReplayCommand.agentJar();
        if (agentJar == null) {
            throw new IllegalStateException("cannot find airlock.jar to send the request with; build it first");
        }
        if (!listed(pid)) {
            throw new Unreachable("pid " + pid + " is not a running JVM of this user that accepts attach requests"
                + (ProcessHandle.of(pid).isPresent() ? "" : " (no such process)"));
        }
        Path reply = Files.createTempFile("airlock-reply-", ".properties",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            VirtualMachine vm;
            try {
                vm = VirtualMachine.attach(Long.toString(pid));
            } catch (AttachNotSupportedException | IOException | SecurityException e) {
                throw new Unreachable("cannot reach the JVM with pid " + pid + ": " + CliErrors.oneLine(String.valueOf(e.getMessage())));
            }
            try {
                vm.loadAgent(agentJar.toString(), args + ",reply=" + reply);
            } catch (AgentLoadException | AgentInitializationException e) {
                throw new Unreachable("pid " + pid + " refused the request: " + CliErrors.oneLine(String.valueOf(e.getMessage())));
            } finally {
                vm.detach();
            }
            Properties answer = new Properties();
            try (InputStream in = Files.newInputStream(reply)) {
                answer.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
            }
            return answer;
        } finally {
            Files.deleteIfExists(reply);
        }
    }

    private static boolean listed(long pid) {
        String id = Long.toString(pid);
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(id)) {
                return true;
            }
        }
        return false;
    }
}
