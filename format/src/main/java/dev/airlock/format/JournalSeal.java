package dev.airlock.format;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a recording seals its journal on close: {@link JournalWriter#close(Fields, JournalSeal)} appends
 * a SEAL document after END holding the END document's chain link and, with a key, an HMAC-SHA-256 or
 * an Ed25519 signature over those 32 bytes. Since every link covers every document before it, the seal
 * covers the whole journal; {@link JournalVerifier} checks it with a {@link SealKey}.
 *
 * <p>The recorder builds one at start ({@link #fromKeyFile}, from its {@code seal-key}/{@code sign-key}
 * agent option, so a bad key stops the JVM before {@code main}) or uses {@link #none()}. Only JDK
 * cryptography is used. Immutable and thread-safe.
 */
public final class JournalSeal {

    /** No key: the seal only marks the journal as closed; anyone can recompute it. */
    public static final String NONE = "none";
    public static final String HMAC_SHA256 = "HmacSHA256";
    public static final String ED25519 = "Ed25519";

    /** SEAL fields. */
    public static final String ALGORITHM = "seal.algorithm";
    public static final String LINK = "seal.link";
    public static final String DOCUMENTS = "seal.documents";
    public static final String VALUE = "seal.value";

    private static final JournalSeal NO_KEY = new JournalSeal(NONE, null, null);

    private final String algorithm;
    private final byte[] hmacKey;
    private final PrivateKey signingKey;

    private JournalSeal(String algorithm, byte[] hmacKey, PrivateKey signingKey) {
        this.algorithm = algorithm;
        this.hmacKey = hmacKey;
        this.signingKey = signingKey;
    }

    /** A seal without a key (algorithm {@code none}). */
    public static JournalSeal none() {
        return NO_KEY;
    }

    /** HMAC-SHA-256 with {@code key} (at least 32 bytes). */
    public static JournalSeal hmac(byte[] key) {
        if (key.length < KeyFiles.MIN_HMAC_BYTES) {
            throw new IllegalArgumentException("an HMAC key needs at least " + KeyFiles.MIN_HMAC_BYTES + " bytes, not "
                + key.length);
        }
        return tested(new JournalSeal(HMAC_SHA256, key.clone(), null));
    }

    /** An Ed25519 signature with {@code key}. */
    public static JournalSeal ed25519(PrivateKey key) {
        return tested(new JournalSeal(ED25519, null, key));
    }

    /**
     * The seal for a key file: an Ed25519 private key (PKCS#8, DER or PEM) signs; any other file's bytes
     * are an HMAC key (at least 32). The file must not be readable by group or others. Throws an
     * {@link IllegalArgumentException} with a one-line message for a missing, open or unusable file.
     */
    public static JournalSeal fromKeyFile(Path file) {
        KeyFiles.Content content = KeyFiles.read(file);
        if (content.publicKey() != null) {
            throw new IllegalArgumentException("key file " + file + " holds a public key, which can only verify; "
                + "seal with the private key");
        }
        KeyFiles.requireOwnerOnly(file);
        if (content.privateKey() != null) {
            return ed25519(content.privateKey());
        }
        return hmac(KeyFiles.hmacKey(file, content));
    }

    /** Like {@link #fromKeyFile} but insists on an HMAC key ({@code seal-key=}). */
    public static JournalSeal hmacKeyFile(Path file) {
        KeyFiles.requireOwnerOnly(file);
        return hmac(KeyFiles.hmacKey(file, KeyFiles.read(file)));
    }

    /** Like {@link #fromKeyFile} but insists on an Ed25519 private key ({@code sign-key=}). */
    public static JournalSeal ed25519KeyFile(Path file) {
        KeyFiles.requireOwnerOnly(file);
        KeyFiles.Content content = KeyFiles.read(file);
        if (content.privateKey() == null) {
            throw new IllegalArgumentException("key file " + file + " is not an Ed25519 private key (PKCS#8, DER or PEM)");
        }
        return ed25519(content.privateKey());
    }

    /** {@code none}, {@code HmacSHA256} or {@code Ed25519}. */
    public String algorithm() {
        return algorithm;
    }

    /** The MAC or signature over {@code link}; null for {@code none}. */
    public byte[] sign(byte[] link) {
        try {
            if (hmacKey != null) {
                return hmac(hmacKey, link);
            }
            if (signingKey != null) {
                Signature s = Signature.getInstance(ED25519);
                s.initSign(signingKey);
                s.update(link);
                return s.sign();
            }
            return null;
        } catch (GeneralSecurityException e) {
            throw new JournalException("cannot seal the journal with " + algorithm + ": " + e.getMessage(), e);
        }
    }

    /** The SEAL document's fields for a journal whose END has chain link {@code link}. */
    Fields fields(byte[] link, long documentsBefore) {
        Fields f = new Fields().put(ALGORITHM, algorithm).put(LINK, HexFormat.of().formatHex(link))
            .put(DOCUMENTS, documentsBefore);
        byte[] value = sign(link);
        if (value != null) {
            f.put(VALUE, HexFormat.of().formatHex(value));
        }
        return f;
    }

    static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance(HMAC_SHA256);
        mac.init(new SecretKeySpec(key, HMAC_SHA256));
        return mac.doFinal(data);
    }

    /** Signs once, so an unusable key fails where it is loaded, not when the recording closes. */
    private static JournalSeal tested(JournalSeal seal) {
        try {
            seal.sign(new byte[DigestChain.LINK_BYTES]);
        } catch (JournalException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return seal;
    }

    @Override
    public String toString() {
        return "JournalSeal[" + algorithm + "]";
    }
}
