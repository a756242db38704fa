package dev.airlock.recorder.instrument;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;

/**
 * A quick look at a class's constant pool: only a class that names a captured method can need
 * rewriting, so most classes are passed over without running the visitors over them.
 */
final class ConstantPoolScan {

    private static final Set<String> NAMES = new HashSet<>();
    private static final boolean[] LENGTHS = new boolean[256];

    static {
        for (String name : CaptureRules.applicationMethodNames()) {
            NAMES.add(name);
            LENGTHS[name.length()] = true;
        }
    }

    private ConstantPoolScan() {
    }

    static boolean namesCapturedMethod(ClassReader reader, byte[] bytes) {
        int count = reader.getItemCount();
        for (int i = 1; i < count; i++) {
            int offset = reader.getItem(i);
            if (offset <= 0 || bytes[offset - 1] != 1) {
                continue;
            }
            int length = reader.readUnsignedShort(offset);
            if (length < LENGTHS.length && LENGTHS[length]
                && NAMES.contains(new String(bytes, offset + 2, length, StandardCharsets.ISO_8859_1))) {
                return true;
            }
        }
        return false;
    }
}
