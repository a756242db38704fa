package dev.airlock.replayer.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.airlock.format.ChronicleSettings;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The file-level damage {@link CorruptJournalIT} applies to copies of a recorded journal. The copies
 * share the original's layout, read once: where each queue file's own header ends (its first wire
 * message, left alone: Chronicle rejects a damaged one with an exception the CLI does not yet report as
 * a bad journal), which bytes were written, and where the documents lie in the segment.
 */
final class JournalDamage {

    /**
     * What was done. {@code viaCli}: read through the real CLI jar, for files cut shorter than
     * Chronicle maps them (touching the lost part faults) and whole-file damages (some make Chronicle
     * wait 10 s for a header or a lock; separate processes wait side by side). {@code foreign}: the
     * journal now holds another recording. {@code outsideDocuments}: bytes of the segment outside its
     * documents (Chronicle's index) changed.
     */
    record Applied(String description, boolean viaCli, boolean foreign, boolean outsideDocuments) {
        static Applied of(String description) {
            return new Applied(description, false, false, false);
        }
    }

    /** One queue file of the original: its name, where its header ends, its non-zero bytes past that. */
    private record Layout(String name, int headerEnd, int[] written) {
        static Layout of(Path file) throws IOException {
            byte[] all = Files.readAllBytes(file);
            int headerEnd = 0;
            if (all.length >= 4) {
                int length = ByteBuffer.wrap(all, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0x3FFF_FFFF;
                headerEnd = (int) Math.min(all.length, 4L + length);
            }
            int from = headerEnd;
            return new Layout(file.getFileName().toString(), headerEnd,
                IntStream.range(from, all.length).filter(i -> all[i] != 0).toArray());
        }

        int last() {
            return written.length == 0 ? headerEnd : written[written.length - 1] + 1;
        }

        /** Mostly a written byte, else any offset between the header and the last written byte. */
        int pick(Random r) {
            return written.length > 0 && r.nextInt(10) < 6 ? written[r.nextInt(written.length)]
                : headerEnd + r.nextInt(Math.max(1, last() - headerEnd));
        }

        @Override
        public String toString() {
            return name + " (written from " + headerEnd + " to " + last() + ")";
        }
    }

    private final Path other;
    private final Layout segment;
    private final Layout metadata;
    private final List<long[]> documents;

    JournalDamage(Path original, Path other) throws IOException {
        this.other = other;
        Path queue = original.resolve("queue");
        this.segment = Layout.of(segment(queue));
        this.metadata = Layout.of(queue.resolve("metadata.cq4t"));
        this.documents = documents(original);
        assertTrue(documents.size() > 10, "the documents of the recording are found: " + documents.size());
    }

    /**
     * Damages the copy in {@code dir}: one of a few whole-file damages when {@code i} is a multiple of
     * 25, else seeded byte-level damage.
     */
    Applied apply(int i, Path dir, Random r) throws IOException {
        Path queue = dir.resolve("queue");
        if (i % 25 == 0) {
            Applied whole = wholeFile(i / 25, queue, r);
            return new Applied(whole.description(), true, whole.foreign(), false);
        }
        Path segmentFile = queue.resolve(segment.name());
        Path metadataFile = queue.resolve(metadata.name());
        int roll = r.nextInt(100);
        if (roll < 50) {
            return inSegment("flipped", flip(segmentFile, segment, r));
        } else if (roll < 72) {
            return inSegment("zeroed", zero(segmentFile, segment, r));
        } else if (roll < 80) {
            return new Applied(cut(segmentFile, segment, r), true, false, false);
        } else if (roll < 96) {
            return Applied.of("flipped " + metadata + " at " + Arrays.toString(flip(metadataFile, metadata, r)));
        }
        return new Applied(cut(metadataFile, metadata, r), true, false, false);
    }

    /** Missing, empty, foreign, misnamed and random queue files. */
    private Applied wholeFile(int which, Path queue, Random r) throws IOException {
        Path segmentFile = queue.resolve(segment.name());
        Path metadataFile = queue.resolve(metadata.name());
        byte[] junk = new byte[65_536 + r.nextInt(200_000)];
        r.nextBytes(junk);
        switch (which % 8) {
            case 0:
                Files.delete(metadataFile);
                return Applied.of("deleted " + metadata.name());
            case 1:
                Files.write(segmentFile, new byte[0]);
                return Applied.of("emptied " + segment.name());
            case 2:
                Files.copy(segment(other.resolve("queue")), segmentFile, StandardCopyOption.REPLACE_EXISTING);
                return new Applied("replaced " + segment.name() + " with the segment of another recording", false,
                    true, false);
            case 3:
                Files.write(queue.resolve("19991231F.cq4"), junk);
                return Applied.of("added an earlier segment 19991231F.cq4 of " + junk.length + " random bytes");
            case 4:
                Files.write(queue.resolve("20991231F.cq4"), junk);
                return Applied.of("added a later segment 20991231F.cq4 of " + junk.length + " random bytes");
            case 5:
                Files.write(metadataFile, junk);
                return Applied.of("replaced " + metadata.name() + " with " + junk.length + " random bytes");
            case 6:
                Files.copy(other.resolve("queue").resolve(metadata.name()), metadataFile,
                    StandardCopyOption.REPLACE_EXISTING);
                return Applied.of("replaced " + metadata.name() + " with that of another recording");
            default:
                Files.move(segmentFile, queue.resolve("20000101F.cq4"));
                return Applied.of("renamed " + segment.name() + " to 20000101F.cq4");
        }
    }

    private Applied inSegment(String what, int[] offsets) {
        boolean outside = Arrays.stream(offsets)
            .anyMatch(at -> documents.stream().noneMatch(d -> at >= d[0] && at < d[1]));
        String where = offsets.length > 16 ? offsets.length + " bytes from " + offsets[0] : Arrays.toString(offsets);
        return new Applied(what + " " + segment + " at " + where + (outside ? ", outside the documents" : ""), false,
            false, outside);
    }

    /** Flips 1-8 bytes; returns their offsets. */
    private static int[] flip(Path file, Layout layout, Random r) throws IOException {
        int[] at = new int[1 + r.nextInt(8)];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            for (int k = 0; k < at.length; k++) {
                at[k] = layout.pick(r);
                f.seek(at[k]);
                int b = f.read();
                f.seek(at[k]);
                f.write(b ^ (1 + r.nextInt(255)));
            }
        }
        return at;
    }

    /** Zeroes a run of 1-16 or up to 4096 bytes (a torn write); returns their offsets. */
    private static int[] zero(Path file, Layout layout, Random r) throws IOException {
        int from = layout.pick(r);
        int length = 1 + r.nextInt(r.nextBoolean() ? 16 : 4096);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(from);
            f.write(new byte[length]);
        }
        return IntStream.range(from, from + length).toArray();
    }

    private static String cut(Path file, Layout layout, Random r) throws IOException {
        int at = layout.headerEnd() + r.nextInt(Math.max(1, layout.last() - layout.headerEnd()));
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(at);
        }
        return "cut " + layout + " at " + at;
    }

    /** Where each document of a journal lies in its segment: {start of its excerpt header, end}. */
    private static List<long[]> documents(Path journal) {
        ChronicleSettings.apply();
        List<long[]> ranges = new ArrayList<>();
        try (ChronicleQueue q = SingleChronicleQueueBuilder.binary(journal.resolve("queue").toFile()).readOnly(true)
                .build();
             ExcerptTailer tailer = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        return ranges;
                    }
                    ranges.add(new long[] {dc.wire().bytes().readPosition() - 4, dc.wire().bytes().readLimit()});
                }
            }
        }
    }

    private static Path segment(Path queue) throws IOException {
        try (Stream<Path> files = Files.list(queue)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cq4")).findFirst()
                .orElseThrow(() -> new AssertionError("no segment in " + queue));
        }
    }
}
