package dev.airlock.recorder.agent;

import dev.airlock.format.DocumentCipher;
import dev.airlock.format.Fields;
import dev.airlock.format.JournalSeal;
import dev.airlock.format.JournalWriter;
import java.nio.file.Paths;

/**
 * The keys a recording is protected with, read from the agent options before anything else happens, so
 * a bad key file stops the JVM at start: the seal ({@code seal-key=} HMAC or {@code sign-key=} Ed25519)
 * and the encryption at rest ({@code encrypt=} AES-GCM).
 */
final class JournalProtection {

    final JournalSeal seal;
    final DocumentCipher cipher;

    private JournalProtection(JournalSeal seal, DocumentCipher cipher) {
        this.seal = seal;
        this.cipher = cipher;
    }

    static JournalProtection from(AgentOptions options) {
        String hmac = options.get("seal-key");
        String sign = options.get("sign-key");
        if (hmac != null && sign != null) {
            throw new IllegalArgumentException("agent options 'seal-key' and 'sign-key' exclude each other");
        }
        JournalSeal seal = hmac != null ? JournalSeal.hmacKeyFile(Paths.get(hmac))
            : sign != null ? JournalSeal.ed25519KeyFile(Paths.get(sign)) : JournalSeal.none();
        String encrypt = options.get("encrypt");
        DocumentCipher cipher = encrypt == null ? null : DocumentCipher.fromKeyFile(Paths.get(encrypt));
        return new JournalProtection(seal, cipher);
    }

    /** Names the cipher and key (by digest) in the header, so readers know to ask for the key. */
    void describeIn(Fields header) {
        if (cipher != null) {
            header.put(DocumentCipher.HEADER_ALGORITHM, DocumentCipher.ALGORITHM)
                .put(DocumentCipher.HEADER_KEY_ID, cipher.keyId());
        }
    }

    void applyTo(JournalWriter journal) {
        if (cipher != null) {
            journal.encryptWith(cipher);
        }
    }
}
