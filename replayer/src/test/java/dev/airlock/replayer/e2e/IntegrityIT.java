package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealed journals, {@code airlock verify}, a replay that refuses a tampered journal unless
 * {@code --force}, and the audit trail, on real recordings of {@code ClockAndDice} made with the real
 * agent jar.
 *
 * <p><b>Needs the recorder wiring</b>: the tests that record with {@code seal-key=} or {@code sign-key=}
 * expect {@code RecordingSession} to seal with that key and to write the {@code recording.started} and
 * {@code recording.sealed} audit entries. Until then they fail (the journal is sealed with {@code none}).
 */
class IntegrityIT {

    private static final String MAIN = "dev.airlock.examples.ClockAndDice";

    @TempDir
    Path tmp;

    private Proc record(Path journal, String extraOptions) {
        Airlock.Jdk jdk = Airlock.defaultJdk();
        List<String> cmd = new ArrayList<>(List.of(jdk.java()));
        cmd.addAll(jdk.baseFlags());
        cmd.add("-javaagent:" + Airlock.RECORDER + "=journal=" + journal + extraOptions);
        cmd.addAll(List.of("-cp", Airlock.EXAMPLES_CP, MAIN));
        Proc p = Proc.run(cmd, null, null);
        assertEquals(0, p.exitCode, p.toString());
        return p;
    }

    private Path ownerOnly(String name, byte[] bytes) throws Exception {
        Path f = Files.write(tmp.resolve(name), bytes);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private static void assertOneLine(Proc p, int exitCode, String startsWith) {
        assertEquals(exitCode, p.exitCode, p.toString());
        assertEquals(1, p.out().strip().split("\n").length, p.toString());
        assertTrue(p.out().startsWith(startsWith), p.toString());
    }

    @Test
    void an_hmac_sealed_recording_verifies_and_a_flipped_byte_is_refused_unless_forced() throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path key = ownerOnly("seal.key", secret);
        Path journal = tmp.resolve("journal");
        Proc recorded = record(journal, ",seal-key=" + key);

        assertOneLine(Airlock.cli(null, "verify", journal.toString(), "--key", key.toString()), 0,
            "intact (sealed with HmacSHA256, ");
        assertOneLine(Airlock.cli(null, "verify", journal.toString()), 74,
            "intact (sealed with HmacSHA256; not checked: no --key)");
        Path report = tmp.resolve("report.json");
        Proc clean = Airlock.cli(null, "replay", journal.toString(), "--key", key.toString(), "--report", report.toString());
        Airlock.assertMatched(recorded, clean, report);
        assertTrue(Airlock.read(report).contains("\"integrity\": \"intact (sealed with HmacSHA256, "), Airlock.read(report));

        flipByteInStdoutEvent(journal, "dice:");

        Proc verify = Airlock.cli(null, "verify", journal.toString(), "--key", key.toString());
        assertOneLine(verify, 72, "tampered: document ");
        assertTrue(verify.out().contains("does not match the digest chain"), verify.toString());

        Proc refused = Airlock.cli(null, "replay", journal.toString(), "--key", key.toString());
        assertEquals(72, refused.exitCode, refused.toString());
        assertEquals("", refused.out(), "the application never ran");
        assertEquals(1, refused.err().strip().split("\n").length, refused.toString());
        assertTrue(refused.err().startsWith("airlock: refusing to replay: tampered: document "), refused.toString());

        Path forcedReport = tmp.resolve("forced.json");
        Proc forced = Airlock.cli(null, "replay", journal.toString(), "--key", key.toString(), "--force", "--report",
            forcedReport.toString());
        assertNotEquals(72, forced.exitCode, forced.toString());
        assertTrue(forced.err().contains("airlock: warning: replaying a journal that failed verification (--force)"),
            forced.toString());
        String json = Airlock.read(forcedReport);
        assertTrue(json.contains("\"forced\": true"), json);
        assertTrue(json.contains("\"integrity\": \"tampered: document "), json);

        Proc audit = Airlock.cli(null, "audit", journal.toString());
        assertEquals(0, audit.exitCode, audit.toString());
        String[] lines = audit.out().strip().split("\n");
        List<String> events = Arrays.stream(lines, 0, lines.length - 1).map(l -> l.split(" ")[2]).toList();
        assertEquals(List.of("recording.started", "recording.sealed", "verify", "verify", "replay", "verify", "replay",
            "replay"), events, audit.out());
        assertTrue(lines[lines.length - 1].equals("intact (8 entries)"), audit.out());
        assertTrue(audit.out().contains("outcome=\"refusing to replay: tampered: document "), audit.out());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.resolve("audit.log"))));
    }

    @Test
    void an_ed25519_signed_recording_verifies_with_the_public_key_only() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path privateKey = ownerOnly("sign.pem", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Path publicKey = Files.write(tmp.resolve("verify.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Path journal = tmp.resolve("journal");
        record(journal, ",sign-key=" + privateKey);

        assertOneLine(Airlock.cli(null, "verify", journal.toString(), "--key", publicKey.toString()), 0,
            "intact (sealed with Ed25519, ");
        Path otherPublic = Files.write(tmp.resolve("other.pem"), pem("PUBLIC KEY",
            KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded()));
        assertOneLine(Airlock.cli(null, "verify", journal.toString(), "--key", otherPublic.toString()), 72,
            "tampered: document ");
    }

    @Test
    void a_recording_without_a_key_is_sealed_with_none_and_a_key_given_to_verify_it_is_refused() throws Exception {
        Path journal = tmp.resolve("journal");
        record(journal, "");
        assertOneLine(Airlock.cli(null, "verify", journal.toString()), 0, "intact (sealed with none, ");
        Path key = ownerOnly("seal.key", new byte[32]);
        Proc keyed = Airlock.cli(null, "verify", journal.toString(), "--key", key.toString());
        assertOneLine(keyed, 72, "tampered: document ");
        assertTrue(keyed.out().contains("without a key (algorithm none), but a key was given"), keyed.toString());
    }

    /** Flips a bit inside the only occurrence of {@code text} in the queue files: a console.stdout event. */
    private static void flipByteInStdoutEvent(Path journal, String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        Path found = null;
        long offset = -1;
        try (Stream<Path> files = Files.list(journal.resolve("queue"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".cq4"))::iterator) {
                byte[] bytes = Files.readAllBytes(f);
                for (int i = 0; i + needle.length <= bytes.length; i++) {
                    if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                        assertFalse(found != null, "'" + text + "' occurs more than once in the queue files");
                        found = f;
                        offset = i;
                    }
                }
            }
        }
        assertTrue(found != null, "'" + text + "' is not in the queue files");
        try (RandomAccessFile raf = new RandomAccessFile(found.toFile(), "rw")) {
            raf.seek(offset + 1);
            int b = raf.read();
            raf.seek(offset + 1);
            raf.write(b ^ 0x01);
        }
    }

    private static byte[] pem(String label, byte[] der) {
        return ("-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
            + "\n-----END " + label + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }
}
