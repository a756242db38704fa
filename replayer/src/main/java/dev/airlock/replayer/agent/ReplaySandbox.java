package dev.airlock.replayer.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code airlock replay --sandbox DIR}: files the replayed program opens for writing are created under
 * DIR, at their absolute path below it, and its writes (after the comparison with the recording) go
 * there, so an analyst can look at what the program wrote. Without a sandbox a replay writes nothing.
 */
final class ReplaySandbox {

    private static volatile Path root;

    private ReplaySandbox() {
    }

    static void use(Path dir) {
        root = dir.toAbsolutePath().normalize();
    }

    static boolean on() {
        return root != null;
    }

    /** Where {@code programPath} goes in the sandbox; its folders are created. */
    static String place(String programPath) throws IOException {
        String abs = Path.of(new File(programPath).getAbsolutePath()).normalize().toString();
        Path target = root.resolve(abs.startsWith("/") ? abs.substring(1) : abs).normalize();
        if (!target.startsWith(root)) {
            throw new IOException("replay sandbox: " + programPath + " leads outside " + root);
        }
        Files.createDirectories(target.getParent());
        return target.toString();
    }
}
