package dev.airlock.replayer.agent;

import java.nio.charset.StandardCharsets;

/** A short, one-line rendering of some bytes for divergence reports. */
final class Snippet {

    private Snippet() {
    }

    static String of(byte[] b, int off, int len) {
        int shown = Math.min(len, 60);
        String s = new String(b, off, shown, StandardCharsets.UTF_8).replace("\\", "\\\\").replace("\n", "\\n")
            .replace("\r", "\\r").replace("\t", "\\t");
        return len + " bytes \"" + s + (len > shown ? "..." : "") + "\"";
    }
}
