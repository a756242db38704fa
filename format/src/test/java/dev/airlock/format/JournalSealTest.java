package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalSealTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
    private static final int NANO_REF = SiteRef.of(16, EventKind.NANO_TIME);

    @TempDir
    Path tmp;

    private Path journal() {
        return tmp.resolve("journal");
    }

    /** Header, one thread with 5 events, END, then the seal. */
    private Path recordWith(JournalSeal seal) {
        Path dir = journal();
        JournalWriter writer = JournalWriter.create(dir, RawJournal.header(), 64 << 20, 5, t -> { });
        writer.start();
        ThreadEventWriter w = writer.openThread("main", Thread.currentThread());
        for (int i = 0; i < 5; i++) {
            w.appendLong(NANO_REF, 100 + i);
        }
        writer.close(new Fields().put(HeaderKeys.EXIT_CODE, 0), seal);
        return dir;
    }

    private static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private Path keyFile(String name, byte[] bytes, String mode) throws Exception {
        Path f = Files.write(tmp.resolve(name), bytes);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    private static byte[] pem(String label, byte[] der) {
        return ("-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void a_journal_closed_without_a_key_is_sealed_with_none_and_verifies_intact() {
        Path dir = journal();
        JournalWriter writer = JournalWriter.create(dir, RawJournal.header(), 64 << 20, 5, t -> { });
        writer.start();
        writer.close(new Fields());
        Verdict v = JournalVerifier.verify(dir, null);
        assertEquals(Verdict.Status.INTACT, v.status());
        assertEquals("intact (sealed with none, 3 documents, 0 events)", v.line());
        assertEquals(JournalSeal.NONE, v.algorithm());
    }

    @Test
    void a_keyless_seal_is_tampered_when_a_key_is_given() {
        Path dir = recordWith(JournalSeal.none());
        Verdict v = JournalVerifier.verify(dir, SealKey.hmac(KEY));
        assertEquals(Verdict.Status.TAMPERED, v.status());
        assertTrue(v.line().contains("without a key (algorithm none), but a key was given"), v.line());
    }

    @Test
    void an_hmac_seal_verifies_with_its_key_and_not_with_another() {
        Path dir = recordWith(JournalSeal.hmac(KEY));
        Verdict ok = JournalVerifier.verify(dir, SealKey.hmac(KEY));
        assertEquals(Verdict.Status.INTACT, ok.status(), ok.line());
        assertTrue(ok.line().matches("intact \\(sealed with HmacSHA256, \\d+ documents, 5 events\\)"), ok.line());

        Verdict wrong = JournalVerifier.verify(dir, SealKey.hmac(OTHER_KEY));
        assertEquals(Verdict.Status.TAMPERED, wrong.status());
        assertEquals(ok.documents() - 1, wrong.document(), "the seal is the last document");
        assertTrue(wrong.line().startsWith("tampered: document " + wrong.document() + " is a seal that does not verify"),
            wrong.line());
    }

    @Test
    void a_keyed_seal_without_a_key_is_unverified() {
        Path dir = recordWith(JournalSeal.hmac(KEY));
        Verdict v = JournalVerifier.verify(dir, null);
        assertEquals(Verdict.Status.UNVERIFIED, v.status());
        assertEquals("intact (sealed with HmacSHA256; not checked: no --key)", v.line());
    }

    @Test
    void an_ed25519_signature_verifies_with_the_public_key_only() throws Exception {
        KeyPair pair = ed25519();
        Path dir = recordWith(JournalSeal.ed25519(pair.getPrivate()));
        assertEquals(Verdict.Status.INTACT, JournalVerifier.verify(dir, SealKey.ed25519(pair.getPublic())).status());

        Verdict otherPair = JournalVerifier.verify(dir, SealKey.ed25519(ed25519().getPublic()));
        assertEquals(Verdict.Status.TAMPERED, otherPair.status());
        Verdict hmacKey = JournalVerifier.verify(dir, SealKey.hmac(KEY));
        assertEquals(Verdict.Status.TAMPERED, hmacKey.status());
        assertTrue(hmacKey.line().endsWith("is a seal made with Ed25519, but the key given is for HmacSHA256"),
            hmacKey.line());
    }

    @Test
    void an_hmac_seal_keyed_with_the_public_key_is_refused_by_an_ed25519_verifier() throws Exception {
        KeyPair pair = ed25519();
        Path dir = journal();
        try (RawJournal raw = RawJournal.create(dir)) {
            // An attacker knows the public key; an HMAC "seal" with it must not pass.
            raw.standardRecording().seal(JournalSeal.hmac(pair.getPublic().getEncoded()));
        }
        Verdict v = JournalVerifier.verify(dir, SealKey.ed25519(pair.getPublic()));
        assertEquals(Verdict.Status.TAMPERED, v.status());
        assertTrue(v.line().contains("made with HmacSHA256, but the key given is for Ed25519"), v.line());
    }

    @Test
    void an_altered_seal_is_tampered_at_the_seal() {
        JournalSeal seal = JournalSeal.hmac(KEY);
        String[][] alterations = {
            {JournalSeal.VALUE, "00" + "11".repeat(31)},
            {JournalSeal.LINK, "ab".repeat(32)},
            {JournalSeal.DOCUMENTS, "3"},
            {JournalSeal.ALGORITHM, "ROT13"},
        };
        for (int i = 0; i < alterations.length; i++) {
            Path dir = tmp.resolve("altered-" + i);
            try (RawJournal raw = RawJournal.create(dir)) {
                raw.standardRecording();
                Fields fields = raw.sealFields(seal).put(alterations[i][0], alterations[i][1]);
                raw.fields(DocType.SEAL, fields);
            }
            Verdict v = JournalVerifier.verify(dir, SealKey.hmac(KEY));
            assertEquals(Verdict.Status.TAMPERED, v.status(), alterations[i][0] + ": " + v.line());
            assertEquals(4, v.document(), v.line());
            assertTrue(v.line().startsWith("tampered: document 4 is a seal "), v.line());
        }
    }

    @Test
    void a_recomputed_chain_over_changed_events_does_not_carry_the_old_seal() {
        Path original = tmp.resolve("original");
        Fields sealed;
        try (RawJournal raw = RawJournal.create(original)) {
            raw.standardRecording();
            sealed = raw.sealFields(JournalSeal.hmac(KEY));
            raw.fields(DocType.SEAL, sealed);
        }
        assertEquals(Verdict.Status.INTACT, JournalVerifier.verify(original, SealKey.hmac(KEY)).status());

        Path forged = tmp.resolve("forged");
        try (RawJournal raw = RawJournal.create(forged)) {
            raw.fields(DocType.HEADER, RawJournal.header()).block(0, 3).block(3, 5)
                .fields(DocType.END, new Fields().put(HeaderKeys.EXIT_CODE, 0));
            Fields copied = raw.sealFields(JournalSeal.none()).put(JournalSeal.ALGORITHM, JournalSeal.HMAC_SHA256)
                .put(JournalSeal.VALUE, sealed.get(JournalSeal.VALUE));
            raw.fields(DocType.SEAL, copied);
        }
        Verdict v = JournalVerifier.verify(forged, SealKey.hmac(KEY));
        assertEquals(Verdict.Status.TAMPERED, v.status());
        assertTrue(v.line().contains("does not verify with this key"), v.line());
        assertEquals(Verdict.Status.UNVERIFIED, JournalVerifier.verify(forged, null).status(),
            "without the key a forged chain cannot be told apart: hence the distinct exit code");
    }

    @Test
    void a_document_appended_after_the_seal_is_tampered_at_that_document() {
        Path dir = journal();
        try (RawJournal raw = RawJournal.create(dir)) {
            raw.standardRecording().seal(JournalSeal.hmac(KEY)).fields(DocType.NOTE, new Fields().put("late", "yes"));
        }
        for (SealKey key : new SealKey[] {SealKey.hmac(KEY), null}) {
            Verdict v = JournalVerifier.verify(dir, key);
            assertEquals(Verdict.Status.TAMPERED, v.status());
            assertEquals("tampered: document 5 follows the seal: nothing may be written after it", v.line());
        }
    }

    @Test
    void a_seal_that_does_not_directly_follow_the_end_is_tampered() {
        Path dir = journal();
        try (RawJournal raw = RawJournal.create(dir)) {
            raw.fields(DocType.HEADER, RawJournal.header()).block(0, 3);
            raw.seal(JournalSeal.none());
        }
        Verdict v = JournalVerifier.verify(dir, null);
        assertEquals("tampered: document 2 is a seal that does not directly follow the end document", v.line());
    }

    @Test
    void the_seal_document_holds_the_end_link_and_the_count_before_it() {
        Path dir = recordWith(JournalSeal.hmac(KEY));
        try (JournalReader reader = JournalReader.open(dir)) {
            JournalDocument doc;
            byte[] endLink = null;
            long position = 0;
            Fields seal = null;
            while ((doc = reader.next()) != null) {
                if (doc.type() == DocType.END) {
                    endLink = reader.link();
                } else if (doc.type() == DocType.SEAL) {
                    seal = doc.fields();
                    position = reader.position() - 1;
                }
            }
            assertEquals(HexFormat.of().formatHex(endLink), seal.get(JournalSeal.LINK));
            assertEquals(position, seal.getLong(JournalSeal.DOCUMENTS, -1));
            assertEquals(JournalSeal.HMAC_SHA256, seal.get(JournalSeal.ALGORITHM));
            assertEquals(64, seal.get(JournalSeal.VALUE).length());
        }
    }

    @Test
    void key_files_readable_by_group_or_others_are_refused() throws Exception {
        Path open = keyFile("open.key", KEY, "rw-r--r--");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JournalSeal.fromKeyFile(open));
        assertEquals("key file " + open + " is readable by group or others (rw-r--r--); make it owner-only: chmod 600 "
            + open, e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SealKey.fromFile(open));
        Path groupOnly = keyFile("group.key", KEY, "rw-r-----");
        assertThrows(IllegalArgumentException.class, () -> JournalSeal.hmacKeyFile(groupOnly));

        Path closed = keyFile("closed.key", KEY, "rw-------");
        assertEquals(JournalSeal.HMAC_SHA256, JournalSeal.fromKeyFile(closed).algorithm());
        assertEquals(JournalSeal.HMAC_SHA256, SealKey.fromFile(closed).algorithm());
    }

    @Test
    void short_missing_and_mismatched_key_files_are_one_line_errors() throws Exception {
        Path shortKey = keyFile("short.key", new byte[16], "rw-------");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JournalSeal.fromKeyFile(shortKey));
        assertTrue(e.getMessage().contains("holds 16 bytes; it needs at least 32"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
            () -> SealKey.fromFile(tmp.resolve("nope.key")));
        assertTrue(missing.getMessage().endsWith("does not exist"), missing.getMessage());

        KeyPair pair = ed25519();
        Path pub = keyFile("pub.pem", pem("PUBLIC KEY", pair.getPublic().getEncoded()), "rw-r--r--");
        Path priv = keyFile("priv.pem", pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "rw-------");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JournalSeal.fromKeyFile(pub)).getMessage()
            .contains("holds a public key"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SealKey.fromFile(priv)).getMessage()
            .contains("is an Ed25519 private key; verify with the public key"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JournalSeal.ed25519KeyFile(keyFile("k", KEY,
            "rw-------"))).getMessage().contains("is not an Ed25519 private key"));
        for (String message : List.of(e.getMessage(), missing.getMessage())) {
            assertTrue(!message.contains("\n"), message);
        }
    }

    @Test
    void ed25519_key_files_in_pem_and_der_seal_and_verify() throws Exception {
        KeyPair pair = ed25519();
        Path privPem = keyFile("priv.pem", pem("PRIVATE KEY", pair.getPrivate().getEncoded()), "rw-------");
        Path pubDer = keyFile("pub.der", pair.getPublic().getEncoded(), "rw-r--r--");
        Path privDer = keyFile("priv.der", pair.getPrivate().getEncoded(), "rw-------");
        Path pubPem = keyFile("pub.pem", pem("PUBLIC KEY", pair.getPublic().getEncoded()), "rw-r--r--");

        JournalSeal seal = JournalSeal.fromKeyFile(privPem);
        assertEquals(JournalSeal.ED25519, seal.algorithm());
        assertEquals(JournalSeal.ED25519, JournalSeal.ed25519KeyFile(privDer).algorithm());
        Path dir = recordWith(seal);
        assertEquals(Verdict.Status.INTACT, JournalVerifier.verify(dir, SealKey.fromFile(pubDer)).status(),
            "a public key may be world-readable");
        assertEquals(Verdict.Status.INTACT, JournalVerifier.verify(dir, SealKey.fromFile(pubPem)).status());
        assertNull(JournalSeal.none().sign(new byte[32]));
    }
}
