package dev.airlock.format;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts journal documents at rest with AES-GCM ({@code encrypt=KEYFILE}). A document keeps its type
 * byte in clear; its body becomes a 12-byte nonce (a per-recording random prefix and the document
 * number) followed by the ciphertext and 16-byte tag, with the type byte as associated data. The digest
 * chain covers the stored, encrypted bytes, so a journal verifies without the key.
 */
public final class DocumentCipher {

    /** Header keys naming the cipher and the key (a digest prefix, never the key). */
    public static final String HEADER_ALGORITHM = "encryption";
    public static final String HEADER_KEY_ID = "encryption.key-id";
    public static final String ALGORITHM = "AES-GCM";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final byte[] prefix = new byte[4];
    private long counter;
    private final Cipher cipher;

    private DocumentCipher(byte[] raw) {
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new IllegalArgumentException("an AES key file must hold 16, 24 or 32 raw bytes, not " + raw.length
                + " (make one with: head -c 32 /dev/urandom > key)");
        }
        key = new SecretKeySpec(raw, "AES");
        try {
            cipher = Cipher.getInstance("AES/GCM/NoPadding");
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(raw);
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", digest[i] & 0xFF));
            }
            keyId = hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/GCM", e);
        }
        new java.security.SecureRandom().nextBytes(prefix);
    }

    /** Reads a raw AES key from an owner-only file; one-line {@link IllegalArgumentException} otherwise. */
    public static DocumentCipher fromKeyFile(Path file) {
        KeyFiles.Content content = KeyFiles.read(file);
        KeyFiles.requireOwnerOnly(file);
        if (content.raw() == null) {
            throw new IllegalArgumentException("key file " + file + " holds an Ed25519 key, not a raw AES key");
        }
        return new DocumentCipher(content.raw());
    }

    public String keyId() {
        return keyId;
    }

    /** {@code type, nonce, AES-GCM(body)}: the stored form of one document. */
    public byte[] encrypt(byte[] doc, int off, int len, byte[] more, int moreOff, int moreLen) {
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(prefix, 0, nonce, 0, 4);
        long n = counter++;
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (n >>> (8 * i));
        }
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(doc, off, 1);
            byte[] out = new byte[1 + NONCE_BYTES + cipher.getOutputSize(len - 1 + moreLen)];
            out[0] = doc[off];
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            int p = 1 + NONCE_BYTES;
            p += cipher.update(doc, off + 1, len - 1, out, p);
            if (more != null) {
                p += cipher.update(more, moreOff, moreLen, out, p);
            }
            cipher.doFinal(out, p);
            return out;
        } catch (GeneralSecurityException e) {
            throw new JournalException("cannot encrypt a journal document: " + e.getMessage(), e);
        }
    }

    /** The clear form ({@code type, body}) of a stored document; a wrong key or altered bytes fail. */
    public byte[] decrypt(byte[] stored, int len) {
        if (len < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new CorruptJournalException("an encrypted document of " + len + " bytes is too short");
        }
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(stored, 0, 1);
            byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, len - 1 - NONCE_BYTES);
            byte[] out = new byte[plain.length + 1];
            out[0] = stored[0];
            System.arraycopy(plain, 0, out, 1, plain.length);
            return out;
        } catch (javax.crypto.AEADBadTagException e) {
            throw new CorruptJournalException("a document does not decrypt with this key (wrong key, or altered)");
        } catch (GeneralSecurityException e) {
            throw new CorruptJournalException("a document cannot be decrypted: " + e.getMessage(), e);
        }
    }
}
