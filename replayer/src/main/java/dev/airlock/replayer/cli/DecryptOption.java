package dev.airlock.replayer.cli;

import dev.airlock.format.DocumentCipher;
import dev.airlock.format.JournalKeys;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --decrypt FILE}: the AES key of a journal recorded with {@code encrypt=FILE}. Shared by every
 * command that reads events; the key is checked (owner-only, right size) as the option is parsed.
 */
final class DecryptOption {

    private Path keyFile;

    @Option(names = "--decrypt", paramLabel = "FILE",
        description = "AES key file of a journal recorded with encrypt=FILE (owner-only).")
    void keyFile(Path file) {
        JournalKeys.use(DocumentCipher.fromKeyFile(file));
        keyFile = file.toAbsolutePath();
    }

    /** The key file given, or null. */
    Path keyFile() {
        return keyFile;
    }
}
