package dev.airlock.bridge;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;

/** Opening a {@code java.io} file stream by the natives its constructor would have used. */
public final class FileAccess {

    private FileAccess() {
    }

    /**
     * {@code how}: {@code 'r'} a FileInputStream, {@code 'w'} a FileOutputStream, {@code 'a'} one that
     * appends, {@code 'R' | mode << 8} a RandomAccessFile opened with the JDK's internal {@code mode}.
     */
    public static void open(Object stream, String name, int how) throws FileNotFoundException {
        if ((how & 0xFF) == 'R') {
            RandomAccessNatives.open((java.io.RandomAccessFile) stream, name, how >>> 8);
        } else if (how == 'r') {
            FileNatives.openInput((FileInputStream) stream, name);
        } else {
            FileNatives.openOutput((FileOutputStream) stream, name, how == 'a');
        }
    }

    /** Marks the stream's descriptor as captured. */
    public static void mark(Object stream) {
        try {
            java.io.FileDescriptor fd = stream instanceof FileInputStream in ? in.getFD()
                : stream instanceof java.io.RandomAccessFile raf ? raf.getFD() : ((FileOutputStream) stream).getFD();
            FileMarks.mark(FileMarks.number(fd));
        } catch (java.io.IOException e) {
            // a stream that failed to open has no descriptor to mark
        }
    }
}
