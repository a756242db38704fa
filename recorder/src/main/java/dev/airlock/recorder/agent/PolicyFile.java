package dev.airlock.recorder.agent;

import dev.airlock.format.Fields;
import dev.airlock.recorder.instrument.CapturePolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The operator's policy file ({@code policy=FILE}), a properties file. Its settings go into the journal
 * header so that replay applies the same capture policy; its digest goes into the audit trail.
 */
final class PolicyFile {

    private final Map<String, String> settings;
    private final String sha256;
    private final Path path;

    private PolicyFile(Path path, Map<String, String> settings, String sha256) {
        this.path = path;
        this.settings = settings;
        this.sha256 = sha256;
    }

    /** No policy file: everything is captured. */
    static PolicyFile none() {
        return new PolicyFile(null, Map.of(), null);
    }

    static PolicyFile load(String file) {
        if (file == null) {
            return none();
        }
        Path path = Paths.get(file).toAbsolutePath();
        try {
            byte[] bytes = Files.readAllBytes(path);
            Properties p = new Properties();
            try (Reader r = new java.io.StringReader(new String(bytes, StandardCharsets.UTF_8))) {
                p.load(r);
            }
            Map<String, String> settings = new TreeMap<>();
            p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k).trim()));
            CapturePolicy.parse(settings);
            StringBuilder hex = new StringBuilder();
            for (byte b : MessageDigest.getInstance("SHA-256").digest(bytes)) {
                hex.append(String.format("%02x", b & 0xFF));
            }
            return new PolicyFile(path, settings, hex.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read policy file " + path + ": " + e.getMessage());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    CapturePolicy capturePolicy() {
        return CapturePolicy.parse(settings);
    }

    /** The policy's journal-size cap in bytes, or 0. */
    long maxBytes() {
        String v = settings.get("max.bytes");
        return v == null ? 0 : AgentOptions.parse("max-bytes=" + v).maxBytes();
    }

    /** The policy's duration cap in milliseconds, or 0. */
    long maxDurationMillis() {
        String v = settings.get("max.duration");
        return v == null ? 0 : AgentOptions.parse("max-duration=" + v).maxDurationMillis();
    }

    /** Adds {@code policy.*} keys, the file and its digest to a header. */
    void describeIn(Fields header) {
        if (path == null) {
            return;
        }
        header.put(CapturePolicy.HEADER_PREFIX + "file", path).put(CapturePolicy.HEADER_PREFIX + "sha256", sha256);
        Map<String, String> ordered = new LinkedHashMap<>(settings);
        ordered.forEach((k, v) -> header.put(CapturePolicy.HEADER_PREFIX + k, v));
    }

    Map<String, String> settings() {
        return settings;
    }

    /** The file, or null for {@link #none()}. */
    Path path() {
        return path;
    }

    String sha256() {
        return sha256;
    }
}
