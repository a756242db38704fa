package dev.airlock.replayer.cli;

import dev.airlock.format.Fields;
import dev.airlock.format.HeaderKeys;
import dev.airlock.recorder.agent.ClasspathDigester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the code a replay runs: for every classpath entry the recorder noted, the original path when
 * its digest still matches, else the copy bundled with the journal ({@code bundle/N-NAME}, written by
 * {@code bundle=true} or {@code airlock pack}) when that one matches. An entry with no matching copy is a
 * problem, named: other code takes other paths and would only show up later as a divergence.
 */
final class ClasspathResolver {

    static final String BUNDLE_DIR = "bundle";

    /** The paths to run with, in classpath order, and one line per entry that could not be matched. */
    record Resolution(List<Path> paths, List<String> problems) {
    }

    private ClasspathResolver() {
    }

    /** The name of entry {@code index}'s bundled copy inside a journal folder. */
    static String bundledName(int index, Path original) {
        Path name = original.getFileName();
        return BUNDLE_DIR + "/" + index + "-" + (name == null ? "root" : name.toString());
    }

    static Resolution resolve(Fields note, Path journal) {
        List<Path> paths = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (note == null) {
            return new Resolution(paths, problems);
        }
        for (int i = 0; ; i++) {
            String prefix = HeaderKeys.CLASSPATH_ENTRY + i + '.';
            String recordedPath = note.get(prefix + "path");
            if (recordedPath == null) {
                return new Resolution(paths, problems);
            }
            Path original = Path.of(recordedPath);
            Path bundled = journal.resolve(bundledName(i, original));
            String recorded = note.get(prefix + "sha256");
            if (recorded == null) {
                paths.add(original); // the recorder could not read it either
                continue;
            }
            if (matches(original, recorded)) {
                paths.add(original);
            } else if (matches(bundled, recorded)) {
                paths.add(bundled);
            } else {
                boolean here = Files.exists(original);
                boolean copy = Files.exists(bundled);
                problems.add(here ? original + ": changed since the recording"
                    : copy ? original + ": missing here, and its bundled copy " + journal.relativize(bundled)
                        + " differs from the recording"
                    : original + ": missing");
                paths.add(here || !copy ? original : bundled);
            }
        }
    }

    private static boolean matches(Path p, String recorded) {
        try {
            return Files.exists(p) && ClasspathDigester.digest(p, new long[1]).equals(recorded);
        } catch (IOException e) {
            return false;
        }
    }
}
