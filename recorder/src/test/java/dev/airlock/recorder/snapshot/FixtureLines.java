package dev.airlock.recorder.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Line numbers of {@link SnapshotFixture}'s marker comments, and its class bytes. */
final class FixtureLines {

    private FixtureLines() {
    }

    static int line(String marker) {
        try {
            List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/airlock/recorder/snapshot/SnapshotFixture.java"));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("// " + marker)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no marker " + marker);
    }

    static byte[] bytes() {
        try (InputStream in = SnapshotFixture.class.getResourceAsStream("SnapshotFixture.class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
