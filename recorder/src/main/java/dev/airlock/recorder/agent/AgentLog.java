package dev.airlock.recorder.agent;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The agent's own log file in the journal folder. Never writes to the application's stdout or stderr:
 * before a file is set, messages are dropped.
 */
public final class AgentLog {

    private static Writer out;

    private AgentLog() {
    }

    public static synchronized void open(Path file) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
            try {
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException | IOException ignored) {
                // not a POSIX file system
            }
        } catch (IOException e) {
            out = null;
        }
    }

    public static synchronized boolean isOpen() {
        return out != null;
    }

    public static void info(String message) {
        write("INFO", message, null);
    }

    public static void warn(String message) {
        write("WARN", message, null);
    }

    public static void error(String message, Throwable cause) {
        write("ERROR", message, cause);
    }

    public static synchronized void write(String level, String message, Throwable cause) {
        if (out == null) {
            return;
        }
        try {
            out.write(Instant.ofEpochMilli(System.currentTimeMillis()) + " " + level + " ["
                + Thread.currentThread().getName() + "] " + message + System.lineSeparator());
            if (cause != null) {
                StringWriter trace = new StringWriter();
                // the agent's own frames are what its log is for
                dev.airlock.bridge.AgentFrames.keepAllOn(Thread.currentThread());
                try {
                    cause.printStackTrace(new PrintWriter(trace));
                } finally {
                    dev.airlock.bridge.AgentFrames.keepAllOn(null);
                }
                out.write(trace.toString());
            }
            out.flush();
        } catch (IOException ignored) {
            // a log that cannot be written must not disturb the application
        }
    }
}
