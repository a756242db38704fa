package dev.airlock.replayer.cli;

import dev.airlock.format.JournalException;
import dev.airlock.format.JournalVerifier;
import dev.airlock.format.SealKey;
import dev.airlock.format.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code airlock verify DIR [--key FILE]}: walks the whole journal, checking its digest chain and its
 * seal ({@link JournalVerifier}), and answers one line on stdout with a distinct exit code per answer.
 * Run by {@link AirlockCli}; {@link ReplayCommand} makes the same check before it replays.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Checks that a journal is whole and unaltered: its digest chain and its seal.",
        "  intact (sealed with <algorithm>, N documents, M events)       exit 0",
        "  tampered: document K <why>                                    exit 72",
        "  truncated: last good document K (not sealed)                  exit 73",
        "  intact (sealed with <algorithm>; not checked: no --key)       exit 74",
        "A missing, empty or unreadable journal is exit 65."})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DecryptOption decrypt = new DecryptOption();

    @Parameters(index = "0", paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    @Option(names = "--key", paramLabel = "FILE",
        description = "The HMAC key file the recording was sealed with, or the Ed25519 public key (X.509, DER or PEM).")
    Path key;

    @Override
    public Integer call() {
        SealKey sealKey = loadKey(spec, key);
        PrintWriter out = spec.commandLine().getOut();
        Verdict verdict;
        try {
            verdict = JournalVerifier.verify(dir, sealKey);
        } catch (JournalException e) {
            int code = CliErrors.report(e, spec.commandLine().getErr());
            AuditCommand.record(spec, dir, "verify", e.getMessage(), code);
            return code;
        }
        out.println(verdict.line());
        out.flush();
        int code = exitCode(verdict);
        AuditCommand.record(spec, dir, "verify", verdict.line(), code);
        return code;
    }

    /** The key given with {@code --key}, or null; a usage error naming the problem when it is unusable. */
    static SealKey loadKey(CommandSpec spec, Path file) {
        if (file == null) {
            return null;
        }
        try {
            return SealKey.fromFile(file);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--key: " + e.getMessage());
        }
    }

    /** 0 intact, 72 tampered, 73 truncated, 74 unverified. */
    static int exitCode(Verdict verdict) {
        switch (verdict.status()) {
            case INTACT:
                return ExitCodes.OK;
            case TAMPERED:
                return ExitCodes.TAMPERED;
            case TRUNCATED:
                return ExitCodes.TRUNCATED;
            default:
                return ExitCodes.UNVERIFIED;
        }
    }
}
