package dev.airlock.replayer.cli;

import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.recorder.agent.ClasspathDigester;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares the classpath the replay will run with the digests the recorder noted: a replay of other
 * code would take other paths and report them as divergences far from the cause, so a jar or class
 * folder that changed or went missing is named before anything runs.
 */
final class ClasspathCheck {

    private ClasspathCheck() {
    }

    /** One line per entry that differs from the recording: {@code PATH: changed (...)} or {@code PATH: missing}. */
    static List<String> changes(Fields note) {
        List<String> out = new ArrayList<>();
        if (note == null) {
            return out;
        }
        for (int i = 0; ; i++) {
            String prefix = HeaderKeys.CLASSPATH_ENTRY + i + '.';
            String path = note.get(prefix + "path");
            if (path == null) {
                return out;
            }
            String recorded = note.get(prefix + "sha256");
            if (recorded == null) {
                continue; // the recorder could not read it either
            }
            try {
                String now = ClasspathDigester.digest(Path.of(path), new long[1]);
                if (!now.equals(recorded)) {
                    out.add(path + ": changed (sha256 " + now.substring(0, 12) + "..., recorded " + recorded.substring(0, 12)
                        + "...)");
                }
            } catch (IOException e) {
                out.add(path + ": missing");
            }
        }
    }
}
