package dev.airlock.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * Reads the key files of {@link JournalSeal} (sealing) and {@link SealKey} (verifying): raw HMAC key
 * bytes, or Ed25519 keys as DER or PEM (PKCS#8 private, X.509 public). Secret keys must be owner-only
 * where the file system has POSIX permissions. Every failure is an {@link IllegalArgumentException}
 * whose message fits one line.
 */
final class KeyFiles {

    /** Shortest HMAC key accepted: SHA-256's output size. */
    static final int MIN_HMAC_BYTES = 32;
    private static final int MAX_KEY_FILE_BYTES = 64 * 1024;
    private static final String PEM_BEGIN = "-----BEGIN ";

    /** What a key file turned out to hold. */
    record Content(byte[] raw, PrivateKey privateKey, PublicKey publicKey) {
    }

    private KeyFiles() {
    }

    /** Reads and classifies {@code file}; does not check permissions (see {@link #requireOwnerOnly}). */
    static Content read(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException("key file " + file + " is a directory");
            }
            if (Files.size(file) > MAX_KEY_FILE_BYTES) {
                throw new IllegalArgumentException("key file " + file + " is larger than " + MAX_KEY_FILE_BYTES
                    + " bytes: not a key");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("key file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read key file " + file + ": " + e.getMessage());
        }
        String pemLabel = pemLabel(bytes);
        if (pemLabel != null) {
            byte[] der = pemBody(file, bytes, pemLabel);
            switch (pemLabel) {
                case "PRIVATE KEY":
                    return new Content(null, privateKey(der, file), null);
                case "PUBLIC KEY":
                    return new Content(null, null, publicKey(der, file));
                default:
                    throw new IllegalArgumentException("key file " + file + " holds a PEM '" + pemLabel
                        + "'; expected 'PRIVATE KEY' (unencrypted PKCS#8) or 'PUBLIC KEY' (X.509), Ed25519");
            }
        }
        PublicKey pub = tryPublicKey(bytes);
        if (pub != null) {
            return new Content(null, null, pub);
        }
        PrivateKey priv = tryPrivateKey(bytes);
        if (priv != null) {
            return new Content(null, priv, null);
        }
        return new Content(bytes, null, null);
    }

    /** Refuses a file that group or others may read, where the file system can say. */
    static void requireOwnerOnly(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> perms;
        try {
            perms = view.readAttributes().permissions();
        } catch (IOException | UnsupportedOperationException e) {
            return;
        }
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
            throw new IllegalArgumentException("key file " + file + " is readable by group or others ("
                + PosixFilePermissions.toString(perms) + "); make it owner-only: chmod 600 " + file);
        }
    }

    /** An HMAC key: the file's bytes as they are, at least {@value #MIN_HMAC_BYTES} of them. */
    static byte[] hmacKey(Path file, Content content) {
        if (content.raw() == null) {
            throw new IllegalArgumentException("key file " + file + " holds an Ed25519 key, not raw HMAC key bytes");
        }
        if (content.raw().length < MIN_HMAC_BYTES) {
            throw new IllegalArgumentException("HMAC key file " + file + " holds " + content.raw().length
                + " bytes; it needs at least " + MIN_HMAC_BYTES + " (make one with: head -c 32 /dev/urandom > " + file + ")");
        }
        return content.raw().clone();
    }

    private static String pemLabel(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1).stripLeading();
        if (!head.startsWith(PEM_BEGIN)) {
            return null;
        }
        int end = head.indexOf("-----", PEM_BEGIN.length());
        return end < 0 ? null : head.substring(PEM_BEGIN.length(), end);
    }

    private static byte[] pemBody(Path file, byte[] bytes, String label) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        String begin = PEM_BEGIN + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("key file " + file + " is not a complete PEM file (no '" + end + "')");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file + " has a damaged PEM body: " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(byte[] der, Path file) {
        PrivateKey key = tryPrivateKey(der);
        if (key == null) {
            throw new IllegalArgumentException("key file " + file + " is not an Ed25519 private key (PKCS#8)");
        }
        return key;
    }

    private static PublicKey publicKey(byte[] der, Path file) {
        PublicKey key = tryPublicKey(der);
        if (key == null) {
            throw new IllegalArgumentException("key file " + file + " is not an Ed25519 public key (X.509)");
        }
        return key;
    }

    private static PrivateKey tryPrivateKey(byte[] der) {
        try {
            return KeyFactory.getInstance(JournalSeal.ED25519).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static PublicKey tryPublicKey(byte[] der) {
        try {
            return KeyFactory.getInstance(JournalSeal.ED25519).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }
}
