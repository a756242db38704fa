package dev.airlock.format;

/**
 * The decryption key of this process, for reading encrypted journals: set once by the CLI
 * ({@code --decrypt FILE}) or the replay agent ({@code decrypt=FILE}); every {@link JournalReader} opened
 * afterwards uses it for a journal that needs it.
 */
public final class JournalKeys {

    private static volatile DocumentCipher decryption;

    private JournalKeys() {
    }

    public static void use(DocumentCipher cipher) {
        decryption = cipher;
    }

    static DocumentCipher current() {
        return decryption;
    }
}
