package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Encryption at rest: a secret the application read and printed is nowhere in the journal in clear. */
class EncryptionIT {

    private static final String SECRET = "s3cr3t-token-4f9a1c";

    @TempDir
    Path tmp;

    private Path key(String mode) throws Exception {
        Path key = tmp.resolve("aes-" + mode + ".key");
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        Files.write(key, raw);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString(mode));
        return key;
    }

    @Test
    void an_encrypted_journal_holds_no_secret_in_clear_and_replays_with_its_key() throws Exception {
        Path key = key("rw-------");
        Path journal = tmp.resolve("journal");
        Proc recorded = Proc.run(List.of(Airlock.defaultJdk().java(), "-javaagent:" + Airlock.RECORDER + "=journal="
            + journal + ",encrypt=" + key, "-cp", Airlock.EXAMPLES_CP, "dev.airlock.examples.EverySource"), null,
            Map.of("AIRLOCK_EXAMPLE_VAR", SECRET));
        assertEquals(0, recorded.exitCode, recorded.toString());
        assertTrue(recorded.out().contains(SECRET), "the application read and printed the secret");
        PolicyIT.assertNoFileContains(journal, SECRET);
        for (String log : List.of("airlock.log", "audit.log")) {
            if (Files.exists(journal.resolve(log))) {
                assertTrue(!Files.readString(journal.resolve(log)).contains(SECRET), log);
            }
        }

        Proc withoutKey = Airlock.cli(null, "inspect", journal.toString());
        assertEquals(65, withoutKey.exitCode, withoutKey.toString());
        assertTrue(withoutKey.err().contains("encrypted"), withoutKey.err());

        Proc verify = Airlock.cli(null, "verify", journal.toString());
        assertEquals(0, verify.exitCode, "integrity checks without the key\n" + verify);

        Proc events = Airlock.cli(null, "events", journal.toString(), "--decrypt", key.toString(), "--kind", "env.var");
        assertEquals(0, events.exitCode, events.toString());
        assertTrue(events.out().contains(SECRET), "with the key the events read back\n" + events.out());

        Path report = tmp.resolve("report.json");
        Proc replayed = Airlock.cli(Map.of("AIRLOCK_EXAMPLE_VAR", "another"), "replay", journal.toString(), "--decrypt",
            key.toString(), "--report", report.toString());
        Airlock.assertMatched(recorded, replayed, report);
    }

    @Test
    void a_token_read_from_a_file_and_sent_in_an_http_body_is_not_in_the_journal_in_clear() throws Exception {
        Path key = key("rw-------");
        Path tokenFile = tmp.resolve("token.txt");
        Files.writeString(tokenFile, SECRET + "\n");
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/login", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/login";
            Path journal = tmp.resolve("journal");
            Proc recorded = Proc.run(List.of(Airlock.defaultJdk().java(), "-javaagent:" + Airlock.RECORDER + "=journal="
                + journal + ",encrypt=" + key, "-cp", Airlock.EXAMPLES_CP, "dev.airlock.examples.SecretReader",
                tokenFile.toString(), url), null, null);
            assertEquals(0, recorded.exitCode, recorded.toString());
            assertTrue(bodies.get(0).contains("password=" + SECRET), "the secret went over HTTP: " + bodies);
            PolicyIT.assertNoFileContains(journal, SECRET);
            assertTrue(!Files.readString(journal.resolve("airlock.log")).contains(SECRET));
            assertTrue(!Files.readString(journal.resolve("audit.log")).contains(SECRET));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_key_file_readable_by_others_is_refused_at_start() throws Exception {
        Path key = key("rw-r--r--");
        Proc p = Proc.run(List.of(Airlock.defaultJdk().java(), "-javaagent:" + Airlock.RECORDER + "=journal="
            + tmp.resolve("journal") + ",encrypt=" + key, "-cp", Airlock.EXAMPLES_CP, "dev.airlock.examples.ClockAndDice"),
            null, null);
        assertEquals(2, p.exitCode, p.toString());
        assertTrue(p.err().strip().startsWith("airlock: key file") && p.err().contains("chmod 600"), p.err());
    }
}
