package dev.airlock.examples;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

/**
 * Changes a file's metadata every way the JDK offers and prints what it sees afterwards:
 * {@code Files.setPosixFilePermissions}, {@code setLastModifiedTime}, {@code setOwner}, a basic view's
 * {@code setTimes}, and {@code java.io.File}'s {@code setLastModified}, {@code setReadable},
 * {@code setExecutable}, {@code setReadOnly}, {@code createNewFile} and {@code renameTo}; and resolves
 * names ({@code toRealPath}, {@code readSymbolicLink}, {@code getCanonicalFile}). The times set
 * are random, so plain runs differ. Argument: a folder holding {@code state.txt} and a symbolic link
 * {@code current} to it.
 */
public final class ChangesFileMetadata {

    private ChangesFileMetadata() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path state = dir.resolve("state.txt");
        Random random = new Random();
        long base = 1_600_000_000_000L + random.nextInt(1_000_000) * 1000L;

        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rw-------"));
        System.out.println("mode: " + PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        Files.setLastModifiedTime(state, FileTime.fromMillis(base));
        System.out.println("modified: " + Files.getLastModifiedTime(state).toMillis());
        Files.setOwner(state, Files.getOwner(state));
        System.out.println("owner kept: " + Files.getOwner(state).getName().equals(System.getProperty("user.name")));
        Files.getFileAttributeView(state, BasicFileAttributeView.class)
            .setTimes(FileTime.fromMillis(base + 5000), FileTime.fromMillis(base + 7000), null);
        System.out.println("times: " + Files.getLastModifiedTime(state).toMillis());

        System.out.println("real path: " + dir.resolve("./current").toRealPath().getFileName()
            + ", link: " + Files.readSymbolicLink(dir.resolve("current"))
            + ", canonical: " + new File(dir.toFile(), "./state.txt").getCanonicalFile().getName());

        File old = state.toFile();
        System.out.println("setLastModified: " + old.setLastModified(base + 9000) + " " + old.lastModified());
        System.out.println("setReadable: " + old.setReadable(true, false) + ", setExecutable: " + old.setExecutable(true));
        System.out.println("setReadOnly: " + old.setReadOnly() + ", canWrite: " + old.canWrite());

        File lock = new File(dir.toFile(), "run.lock");
        System.out.println("createNewFile: " + lock.createNewFile() + ", again: " + lock.createNewFile());
        File moved = new File(dir.toFile(), "run.lock.old");
        System.out.println("renameTo: " + lock.renameTo(moved) + ", lock exists " + lock.exists()
            + ", moved exists " + moved.exists());
        try {
            new File(dir.toFile(), "no-such-dir/x.lock").createNewFile();
            System.out.println("createNewFile in a missing folder: true?!");
        } catch (IOException e) {
            System.out.println("createNewFile in a missing folder: " + e.getClass().getSimpleName());
        }
    }
}
