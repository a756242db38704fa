package dev.airlock.format;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded mutation fuzzer over the document decoders ({@link Fields#decode}, {@link JournalDocument}'s
 * sites, thread, fields and block framing, {@link EventDecoder}): every damaged document must decode or
 * fail with {@link CorruptJournalException}, never another exception, an endless loop, or an allocation
 * out of proportion to its size. Reproducible: input {@code i} is derived from the seed and {@code i}
 * alone; {@code -Dairlock.fuzz.seed=S -Dairlock.fuzz.inputs=N} changes the run.
 */
class JournalFuzzTest {

    private static final long SEED = Long.getLong("airlock.fuzz.seed", 0x5EA1EDL);
    private static final int INPUTS = Integer.getInteger("airlock.fuzz.inputs", 120_000);
    /** What one decode may allocate beyond its per-byte share: exceptions with stack traces, a decoder's state. */
    private static final long ALLOCATION_SLACK = 256 * 1024;
    /** Generous bytes allocated per input byte: a two-byte field entry becomes two strings and a map entry. */
    private static final long ALLOCATION_PER_BYTE = 128;

    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final EventDecoder sharedDecoder = new EventDecoder();
    private final Event event = new Event();
    private final List<String> failures = new ArrayList<>();
    private volatile String currentName = "(none yet)";
    private volatile byte[] currentInput = new byte[0];
    private long corrupt;
    private long clean;

    @Test
    void damaged_documents_decode_or_fail_with_a_corrupt_journal_exception_in_bounded_time_and_memory() {
        FuzzCorpus corpus = FuzzCorpus.build(SEED);
        List<FuzzCorpus.Seed> seeds = corpus.seeds();
        for (FuzzCorpus.Seed s : seeds) {
            assertDoesNotThrow(() -> decodeAsItsType(s.doc()), "the valid seed '" + s.name() + "' decodes");
        }
        long started = System.nanoTime();
        int inputs = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            int n = 0;
            for (FuzzCorpus.Seed s : seeds) {
                check("seed " + s.name(), s.doc());
                n++;
            }
            for (int i = 0; i < INPUTS && failures.size() < 20; i++) {
                Random r = new Random(SEED * 31 + i);
                FuzzCorpus.Seed s = seeds.get(r.nextInt(seeds.size()));
                byte[] input = FuzzMutator.mutate(s, seeds, r);
                check("input " + i + " (from '" + s.name() + "')", input);
                n++;
            }
            return n;
        }, () -> "a decode did not finish: " + currentName + ": " + hex(currentInput));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("fuzzed " + inputs + " inputs in " + millis + " ms (seed " + SEED + "; " + clean
            + " decodes ended normally, " + corrupt + " with CorruptJournalException)");
        if (!failures.isEmpty()) {
            fail(failures.size() + " inputs broke a decoder (seed " + SEED + "):\n" + String.join("\n", failures));
        }
        assertTrue(corrupt > inputs, "the mutations reach the decoders' error paths");
        assertTrue(clean > inputs / 10, "some mutations still decode");
    }

    /** Runs every decoder over {@code input}; records a failure for anything but a clean end or corrupt input. */
    private void check(String name, byte[] input) {
        currentName = name;
        currentInput = input;
        for (int decoder = 0; decoder < 4; decoder++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            Throwable thrown = decode(decoder, input);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            if (thrown != null) {
                failures.add(describe(name, decoder, input, thrown));
                return;
            }
            if (allocated > ALLOCATION_SLACK + ALLOCATION_PER_BYTE * input.length) {
                // The first run of a path also pays for class loading and call-site linkage: measure again.
                before = THREADS.getCurrentThreadAllocatedBytes();
                decode(decoder, input);
                allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                if (allocated > ALLOCATION_SLACK + ALLOCATION_PER_BYTE * input.length) {
                    failures.add(name + ", " + DECODERS[decoder] + ": allocated " + allocated + " bytes for an input of "
                        + input.length + ": " + hex(input));
                    return;
                }
            }
        }
    }

    private static final String[] DECODERS = {"Fields.decode", "JournalDocument(SITES).sites",
        "JournalDocument(THREAD).thread", "JournalDocument(BLOCK) + EventDecoder"};

    /** Null when the decoder ended normally or with a {@link CorruptJournalException}, else what it threw. */
    private Throwable decode(int decoder, byte[] doc) {
        try {
            switch (decoder) {
                case 0:
                    fields(doc);
                    break;
                case 1:
                    sites(doc);
                    break;
                case 2:
                    thread(doc);
                    break;
                default:
                    block(doc, sharedDecoder);
                    break;
            }
            clean++;
            return null;
        } catch (CorruptJournalException e) {
            corrupt++;
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Decodes a valid document with its own type's decoder. */
    private void decodeAsItsType(byte[] doc) {
        DocType type = DocType.ofCode(doc[0]);
        if (type == DocType.BLOCK) {
            block(doc, new EventDecoder());
        } else if (type == DocType.SITES) {
            sites(doc);
        } else if (type == DocType.THREAD) {
            thread(doc);
        } else {
            fields(doc);
        }
    }

    private static void fields(byte[] doc) {
        Fields direct = Fields.decode(doc, 1, doc.length);
        DocType type = DocType.ofCode(doc[0]);
        boolean fieldsType = type == DocType.HEADER || type == DocType.END || type == DocType.NOTE || type == DocType.SEAL;
        Fields viaDocument = new JournalDocument(fieldsType ? type : DocType.NOTE, 0, doc, doc.length).fields();
        assertEquals(direct.asMap(), viaDocument.asMap());
        if (direct.asMap().size() > doc.length) {
            throw new AssertionError(direct.asMap().size() + " fields from " + doc.length + " bytes");
        }
    }

    private static void sites(byte[] doc) {
        List<CallSite> sites = new JournalDocument(DocType.SITES, 0, doc, doc.length).sites();
        if (sites.size() > doc.length) {
            throw new AssertionError(sites.size() + " call sites from " + doc.length + " bytes");
        }
        for (CallSite s : sites) {
            s.describe();
        }
    }

    private static void thread(byte[] doc) {
        ThreadInfo t = new JournalDocument(DocType.THREAD, 0, doc, doc.length).thread();
        if (t == null) {
            throw new AssertionError("no thread");
        }
    }

    private void block(byte[] doc, EventDecoder decoder) {
        JournalDocument d = new JournalDocument(DocType.BLOCK, 0, doc, doc.length);
        d.blockThread();
        d.blockFirstSeq();
        d.blockCount();
        d.decodeWith(decoder);
        int n = 0;
        while (decoder.hasNext()) {
            decoder.next(event);
            if (++n > doc.length) {
                throw new AssertionError("more events than bytes: the decoder does not advance");
            }
            if (event.bytes() != null && event.bytes().length > doc.length) {
                throw new AssertionError("a byte string of " + event.bytes().length + " from " + doc.length + " bytes");
            }
            // An INSTANT's text form is left out: Instant.ofEpochSecond rejects out-of-range values
            // with a DateTimeException, which is not a decoder's concern.
            if (event.kind().valueType() != ValueType.INSTANT) {
                event.describeValue();
            }
        }
    }

    private static String describe(String name, int decoder, byte[] input, Throwable t) {
        StringBuilder sb = new StringBuilder(name).append(", ").append(DECODERS[decoder]).append(": ").append(t);
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < Math.min(4, stack.length); i++) {
            sb.append("\n    at ").append(stack[i]);
        }
        return sb.append("\n    input ").append(hex(input)).toString();
    }

    /** The input in hex, its first 512 bytes; the seed and input number reproduce the rest. */
    private static String hex(byte[] input) {
        String h = HexFormat.of().formatHex(input, 0, Math.min(input.length, 512));
        return input.length > 512 ? h + "..." : h;
    }
}
