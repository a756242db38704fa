package dev.airlock.replayer.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the CLI with its output captured (picocli's "Testing your application" pattern). */
record CliRun(int exitCode, String out, String err) {

    /** A bare {@code new CommandLine(new AirlockCli())}, as a library user would build it. */
    static CliRun bare(String... args) {
        return run(new CommandLine(new AirlockCli()), args);
    }

    /** The command line {@code main} runs, with Airlock's error handlers. */
    static CliRun asMain(String... args) {
        return run(AirlockCli.newCommandLine(), args);
    }

    private static CliRun run(CommandLine cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The error output's lines. */
    String[] errLines() {
        return err.isEmpty() ? new String[0] : err.split("\\R");
    }

    String[] outLines() {
        return out.isEmpty() ? new String[0] : out.split("\\R");
    }
}
