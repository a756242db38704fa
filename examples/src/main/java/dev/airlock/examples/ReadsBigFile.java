package dev.airlock.examples;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads a whole (big) file at once and prints its length and CRC-32C. Arguments: the file, and
 * {@code all} to read it twice more, each time in one call: {@code RandomAccessFile.read} into an array
 * and {@code FileChannel.read} into a direct buffer.
 */
public final class ReadsBigFile {

    private ReadsBigFile() {
    }

    public static void main(String[] args) throws Exception {
        byte[] all = Files.readAllBytes(Paths.get(args[0]));
        System.out.println(all.length + " bytes, crc32c " + crc(all, all.length));
        if (args.length < 2 || !args[1].equals("all")) {
            return;
        }
        try (RandomAccessFile raf = new RandomAccessFile(args[0], "r")) {
            int n = raf.read(all);
            System.out.println("RandomAccessFile.read: " + n + " bytes, crc32c " + crc(all, n));
        }
        try (FileChannel channel = FileChannel.open(Paths.get(args[0]), StandardOpenOption.READ)) {
            ByteBuffer direct = ByteBuffer.allocateDirect(all.length);
            int n = channel.read(direct, 0);
            direct.flip().get(all, 0, n);
            System.out.println("FileChannel.read: " + n + " bytes, crc32c " + crc(all, n));
        }
    }

    private static String crc(byte[] b, int n) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, Math.max(n, 0));
        return Long.toHexString(crc.getValue());
    }
}
