package dev.airlock.replayer.cli;

import dev.airlock.recorder.snapshot.SnapshotCondition;
import dev.airlock.recorder.snapshot.SnapshotRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airlock snapshot PID --at CLASS:LINE ...}: puts a snapshot point into a running JVM on this
 * machine and returns at once; {@code --clear} and {@code --list} act on the points already there.
 * Everything the request can get wrong by itself (the place, the condition, the numbers) is refused
 * here, before the JVM is touched.
 */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
    description = {"Inject a snapshot point into a running JVM on this machine: each time the line runs",
        "(up to --hits times, until --expire), its arguments, locals, this and stack are written to a",
        "local journal in the output folder, without stopping the thread. Read them with 'airlock snapshots'."})
final class SnapshotCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "process id of the JVM")
    private long pid;

    @Option(names = "--at", paramLabel = "CLASS:LINE", description = "where, e.g. com.acme.OrderService:142")
    private String at;

    @Option(names = "--when", paramLabel = "CONDITION",
        description = "take a snapshot only when this holds, e.g. 'order.total > 1000 && !order.paid'")
    private String when;

    @Option(names = "--hits", paramLabel = "N", defaultValue = "1",
        description = "snapshots to take before the point removes itself (default: ${DEFAULT-VALUE})")
    private int hits;

    @Option(names = "--expire", paramLabel = "DURATION", defaultValue = "10m",
        description = "remove the point after this long even if it was not hit enough, e.g. 30s, 10m, 2h "
            + "(default: ${DEFAULT-VALUE})")
    private String expire;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "the folder snapshots and the audit trail go to")
    private Path output;

    @Option(names = "--clear", description = "remove every snapshot point in that JVM")
    private boolean clear;

    @Option(names = "--list", description = "list the snapshot points active in that JVM")
    private boolean list;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SnapshotRequest request;
        try {
            request = request();
        } catch (IllegalArgumentException e) {
            err.println(CliErrors.PREFIX + CliErrors.oneLine(e.getMessage()));
            return ExitCodes.USAGE;
        }
        Path file = Files.createTempFile("airlock-snapshot-", ".properties",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties reply;
        try {
            Files.writeString(file, request.encode(), StandardCharsets.ISO_8859_1);
            reply = AttachTarget.send(pid, "snapshot=" + file);
        } catch (AttachTarget.Unreachable e) {
            err.println(CliErrors.PREFIX + e.getMessage());
            return ExitCodes.NO_RECORDING;
        } finally {
            Files.deleteIfExists(file);
        }
        if (reply.getProperty("error") != null) {
            err.println(CliErrors.PREFIX + "pid " + pid + " refused: " + CliErrors.oneLine(reply.getProperty("error")));
            return ExitCodes.REFUSED;
        }
        switch (request.action()) {
            case "clear" -> out.println("removed " + reply.getProperty("removed", "0") + " snapshot point(s) from pid " + pid);
            case "list" -> {
                int n = Integer.parseInt(reply.getProperty("active", "0"));
                out.println(n + " active snapshot point(s) in pid " + pid);
                for (int i = 1; i <= n; i++) {
                    out.println("  " + reply.getProperty("point." + i));
                }
            }
            default -> {
                out.println("snapshot point " + reply.getProperty("point") + " injected at " + at + " in pid " + pid);
                out.println("  methods:   " + reply.getProperty("methods"));
                out.println("  variables: " + reply.getProperty("variables"));
                if (when != null) {
                    out.println("  when:      " + when);
                }
                out.println("  takes up to " + hits + " snapshot(s); removed then, after " + expire + ", or by 'airlock snapshot "
                    + pid + " --clear'");
                out.println("  read with: airlock snapshots " + request.out());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private SnapshotRequest request() {
        int actions = (clear ? 1 : 0) + (list ? 1 : 0) + (at != null ? 1 : 0);
        if (actions != 1) {
            throw new IllegalArgumentException("snapshot takes exactly one of --at CLASS:LINE, --clear or --list");
        }
        if (clear) {
            return SnapshotRequest.clear();
        }
        if (list) {
            return SnapshotRequest.list();
        }
        String[] place = SnapshotRequest.parseAt(at);
        if (when != null) {
            SnapshotCondition.parse(when);
        }
        if (hits < 1 || hits > 100_000) {
            throw new IllegalArgumentException("--hits must be between 1 and 100000, not " + hits);
        }
        long expireMillis;
        try {
            expireMillis = SnapshotRequest.parseDuration(expire);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--expire: " + e.getMessage());
        }
        if (output == null) {
            throw new IllegalArgumentException("--at needs -o DIR: the folder the snapshots go to");
        }
        Path dir = output.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the output folder " + dir + ": " + e.getMessage());
        }
        return SnapshotRequest.inject(place[0], Integer.parseInt(place[1]), when, hits, expireMillis, dir);
    }
}
