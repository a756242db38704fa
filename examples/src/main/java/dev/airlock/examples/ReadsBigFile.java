package dev.airlock.examples;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.zip.CRC32C;

/** Reads a whole (big) file at once and prints its length and CRC-32C. Argument: the file. */
public final class ReadsBigFile {

    private ReadsBigFile() {
    }

    public static void main(String[] args) throws Exception {
        byte[] all = Files.readAllBytes(Paths.get(args[0]));
        CRC32C crc = new CRC32C();
        crc.update(all);
        System.out.println(all.length + " bytes, crc32c " + Long.toHexString(crc.getValue()));
    }
}
