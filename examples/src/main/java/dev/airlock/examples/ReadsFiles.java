package dev.airlock.examples;

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Scanner;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A program steered by files: a config file read several ways, a binary file read by channel and by
 * {@code RandomAccessFile}, a directory listed, file metadata, a
 * missing file and an unreadable one, and a report written back. Its output depends only on what is in
 * the folder {@code args[0]}, so a replay with the folder deleted shows the file capture at work.
 */
public final class ReadsFiles {

    private ReadsFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Path config = dir.resolve("app.properties");

        Properties props = new Properties();
        try (InputStream in = new FileInputStream(config.toFile())) {
            props.load(in);
        }
        System.out.println("config (FileInputStream): greeting=" + props.getProperty("greeting") + " limit="
            + props.getProperty("limit"));
        System.out.println("config (readString): " + Files.readString(config).length() + " chars");
        System.out.println("config (readAllLines): " + Files.readAllLines(config).size() + " lines");
        try (Stream<String> lines = Files.lines(config)) {
            System.out.println("config (lines): first = " + lines.findFirst().orElse("-"));
        }
        try (BufferedReader r = Files.newBufferedReader(config)) {
            System.out.println("config (newBufferedReader): " + r.readLine());
        }
        try (Scanner s = new Scanner(config.toFile(), StandardCharsets.UTF_8)) {
            System.out.println("config (Scanner): " + s.nextLine());
        }
        System.out.println("config (readAllBytes): " + Arrays.hashCode(Files.readAllBytes(config)));

        try (FileChannel ch = FileChannel.open(dir.resolve("data.bin"), StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(4);
            ch.read(head, 8);
            System.out.println("data.bin: size " + ch.size() + ", bytes 8..12 = " + Arrays.toString(head.array()));
        }

        try (RandomAccessFile raf = new RandomAccessFile(dir.resolve("data.bin").toFile(), "r")) {
            raf.seek(4);
            int word = raf.readInt();
            System.out.println("data.bin (RandomAccessFile): length " + raf.length() + ", int at 4 = " + word
                + ", pointer now " + raf.getFilePointer());
        }

        Path listed = dir.resolve("inbox");
        try (Stream<Path> entries = Files.list(listed)) {
            System.out.println("inbox (Files.list): " + entries.map(p -> p.getFileName().toString()).sorted()
                .collect(Collectors.joining(",")));
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            System.out.println("walk: " + walk.filter(Files::isRegularFile).count() + " regular files");
        }
        String[] names = listed.toFile().list();
        Arrays.sort(names);
        System.out.println("inbox (File.list): " + String.join(",", names));

        File data = dir.resolve("data.bin").toFile();
        System.out.println("File: exists " + data.exists() + ", isDirectory " + data.isDirectory() + ", length "
            + data.length() + ", lastModified " + data.lastModified());
        System.out.println("Files: exists " + Files.exists(config) + ", isDirectory " + Files.isDirectory(listed)
            + ", size " + Files.size(config) + ", modified " + Files.getLastModifiedTime(config).toMillis());

        try {
            Files.readString(dir.resolve("missing.txt"));
        } catch (NoSuchFileException e) {
            System.out.println("missing (Files): NoSuchFileException " + e.getMessage().endsWith("missing.txt"));
        }
        try (FileInputStream in = new FileInputStream(dir.resolve("missing.txt").toFile())) {
            System.out.println("missing (FileInputStream): opened?! " + in.available());
        } catch (FileNotFoundException e) {
            System.out.println("missing (FileInputStream): FileNotFoundException");
        }
        Path locked = dir.resolve("locked.txt");
        try {
            Files.readAllBytes(locked);
            System.out.println("locked: readable");
        } catch (AccessDeniedException e) {
            System.out.println("locked: AccessDeniedException");
        }

        String summary = "greeting=" + props.getProperty("greeting") + " entries=" + names.length + "\n";
        Files.writeString(dir.resolve("report.txt"), summary);
        try (FileOutputStream out = new FileOutputStream(dir.resolve("report.txt").toFile(), true)) {
            out.write(("limit=" + props.getProperty("limit") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        List<String> report = Files.readAllLines(dir.resolve("report.txt"));
        System.out.println("report written: " + report);

        Path draft = dir.resolve("report.draft");
        Files.writeString(draft, "draft of " + summary);
        Files.move(draft, dir.resolve("report.final"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(config, dir.resolve("app.copy"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        System.out.println("moved and copied: " + Files.readString(dir.resolve("report.final")).trim() + " / "
            + Files.size(dir.resolve("app.copy")) + " bytes, draft gone " + !Files.exists(draft));
    }
}
