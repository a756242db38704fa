package dev.airlock.recorder.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the operator's policy file allows for snapshots: {@code snapshots=allow|deny} (allow when
 * absent) and {@code snapshots.packages=com.acme.orders,com.acme.billing} (when set, only classes in
 * those packages and their subpackages). The policy is the target JVM's, never the requester's.
 */
public final class SnapshotPolicy {

    public static final String ENABLED_KEY = "snapshots";
    public static final String PACKAGES_KEY = "snapshots.packages";

    private final boolean allowed;
    private final List<String> packages;
    private final String source;

    private SnapshotPolicy(boolean allowed, List<String> packages, String source) {
        this.allowed = allowed;
        this.packages = packages;
        this.source = source;
    }

    public static SnapshotPolicy allowAll() {
        return new SnapshotPolicy(true, List.of(), null);
    }

    /** From a policy file's settings; {@code source} names the file in refusals. */
    public static SnapshotPolicy from(Map<String, String> settings, String source) {
        String enabled = settings.getOrDefault(ENABLED_KEY, "allow").trim();
        if (!enabled.equals("allow") && !enabled.equals("deny")) {
            throw new IllegalArgumentException("policy key '" + ENABLED_KEY + "' takes allow or deny, not '" + enabled + "'");
        }
        List<String> packages = new ArrayList<>();
        for (String p : settings.getOrDefault(PACKAGES_KEY, "").split(",")) {
            if (!p.isBlank()) {
                packages.add(p.trim());
            }
        }
        return new SnapshotPolicy(enabled.equals("allow"), List.copyOf(packages), source);
    }

    /** Null when a snapshot in {@code className} is allowed; otherwise why not, in one line. */
    public String refusal(String className) {
        String file = source == null ? "the policy" : "the policy " + source;
        if (!allowed) {
            return file + " forbids snapshots in this JVM";
        }
        if (packages.isEmpty()) {
            return null;
        }
        for (String p : packages) {
            if (className.startsWith(p + ".")) {
                return null;
            }
        }
        return file + " allows snapshots only in " + String.join(", ", packages) + ", not in " + className;
    }
}
