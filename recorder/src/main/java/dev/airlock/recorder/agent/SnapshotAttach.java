package dev.airlock.recorder.agent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Answers {@code airlock snapshot PID ...}: reads the request file, adds this JVM's snapshot policy
 * (the running recording's policy file, else {@code -Dairlock.policy=FILE}, else none), makes sure the
 * bridge is on the bootstrap path, and hands the request to the snapshot handler. The reply file gets
 * the handler's answer.
 */
final class SnapshotAttach {

    static final String POLICY_PROPERTY = "airlock.policy";

    private SnapshotAttach() {
    }

    static String handle(Path requestFile, Instrumentation inst) throws IOException {
        String request = Files.readString(requestFile, StandardCharsets.UTF_8);
        Properties p = new Properties();
        p.load(new java.io.StringReader(request));
        Path out = p.getProperty("out") == null ? null : Path.of(p.getProperty("out"));
        if (out != null) {
            Files.createDirectories(out);
            if (!AgentLog.isOpen()) {
                AgentLog.open(out.resolve("airlock.log"));
            }
        }
        StringBuilder full = new StringBuilder(request);
        try {
            policy().forEach((k, v) -> full.append('\n').append(escape("policy." + k)).append('=').append(escape(v)));
        } catch (IllegalArgumentException e) {
            return "error=" + escape(e.getMessage()) + "\n";
        }
        if (!bridgeInstalled()) {
            ModuleOpener.openFor(inst, SnapshotAttach.class.getModule());
            AgentLog.info("bridge: " + BridgeInstaller.install(inst, out == null ? Path.of(".") : out));
        } else {
            ModuleOpener.openFor(inst, SnapshotAttach.class.getModule());
        }
        return dev.airlock.recorder.snapshot.SnapshotControl.handle(full.toString(), inst);
    }

    /** The policy settings that bear on snapshots, plus {@code source}: where they came from. */
    private static Map<String, String> policy() {
        PolicyFile policy = null;
        // Without the bridge no recording runs, and RecordingSession (which names bridge types) cannot load.
        RecordingSession session = bridgeInstalled() ? RecordingSession.current() : null;
        if (session != null && session.policy().path() != null) {
            policy = session.policy();
        } else if (System.getProperty(POLICY_PROPERTY) != null) {
            policy = PolicyFile.load(System.getProperty(POLICY_PROPERTY));
        }
        if (policy == null) {
            return Map.of();
        }
        Map<String, String> settings = new java.util.TreeMap<>();
        policy.settings().forEach((k, v) -> {
            if (k.startsWith("snapshots")) {
                settings.put(k, v);
            }
        });
        settings.put("source", policy.path().toString());
        return settings;
    }

    private static boolean bridgeInstalled() {
        try {
            Class.forName("dev.airlock.bridge.SnapshotHooks", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '=', ':', '#', '!' -> b.append('\\').append(c);
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
