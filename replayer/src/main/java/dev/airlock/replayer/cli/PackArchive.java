package dev.airlock.replayer.cli;

import dev.airlock.format.JournalException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Unpacks an {@code airlock pack} archive into a journal folder, refusing entries that would land outside it. */
final class PackArchive {

    private PackArchive() {
    }

    static Path unpack(Path archive) throws IOException {
        Path dir = Files.createTempDirectory("airlock-pack-");
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            boolean packed = false;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new JournalException(archive + " is not an Airlock pack: entry " + entry.getName() + " leaves it");
                }
                packed |= entry.getName().equals("pack.properties");
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
            if (!packed) {
                throw new JournalException(archive + " is not an Airlock pack (no pack.properties)");
            }
        } catch (java.util.zip.ZipException e) {
            throw new JournalException(archive + " is not an Airlock pack: " + e.getMessage());
        }
        return dir;
    }
}
