package dev.airlock.format;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;

/**
 * The key {@link JournalVerifier} checks a SEAL with ({@code airlock verify --key FILE}): the HMAC key
 * file the recording was sealed with, or the Ed25519 public key (X.509, DER or PEM) matching its
 * {@code sign-key}. The key's type fixes the algorithm it accepts, so a SEAL cannot choose a weaker
 * algorithm than the verifier expects (an HMAC seal "keyed" with a public key is refused). Immutable.
 */
public final class SealKey {

    private final String algorithm;
    private final byte[] hmacKey;
    private final PublicKey publicKey;

    private SealKey(String algorithm, byte[] hmacKey, PublicKey publicKey) {
        this.algorithm = algorithm;
        this.hmacKey = hmacKey;
        this.publicKey = publicKey;
    }

    public static SealKey hmac(byte[] key) {
        if (key.length < KeyFiles.MIN_HMAC_BYTES) {
            throw new IllegalArgumentException("an HMAC key needs at least " + KeyFiles.MIN_HMAC_BYTES + " bytes, not "
                + key.length);
        }
        return new SealKey(JournalSeal.HMAC_SHA256, key.clone(), null);
    }

    public static SealKey ed25519(PublicKey key) {
        return new SealKey(JournalSeal.ED25519, null, key);
    }

    /**
     * Reads a verifying key: an Ed25519 public key (X.509, DER or PEM), else the file's bytes as an HMAC
     * key, which, being secret, must not be readable by group or others. A private key is refused (verify
     * with the public key). Throws an {@link IllegalArgumentException} with a one-line message.
     */
    public static SealKey fromFile(Path file) {
        KeyFiles.Content content = KeyFiles.read(file);
        if (content.publicKey() != null) {
            return ed25519(content.publicKey());
        }
        KeyFiles.requireOwnerOnly(file);
        if (content.privateKey() != null) {
            throw new IllegalArgumentException("key file " + file + " is an Ed25519 private key; verify with the public key "
                + "(openssl pkey -in " + file + " -pubout)");
        }
        return hmac(KeyFiles.hmacKey(file, content));
    }

    /** The one algorithm this key verifies: {@code HmacSHA256} or {@code Ed25519}. */
    public String algorithm() {
        return algorithm;
    }

    /** True when {@code value} is this key's MAC or signature over {@code link}. */
    boolean verifies(byte[] link, byte[] value) {
        try {
            if (hmacKey != null) {
                return MessageDigest.isEqual(JournalSeal.hmac(hmacKey, link), value);
            }
            Signature s = Signature.getInstance(JournalSeal.ED25519);
            s.initVerify(publicKey);
            s.update(link);
            return s.verify(value);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SealKey[" + algorithm + "]";
    }
}
