package dev.airlock.format;

import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Reads a whole journal and says whether it is intact, tampered with (first bad document) or truncated
 * (last good document): the {@link Verdict} behind {@code airlock verify}, and the check
 * {@code airlock replay} makes before it runs. One streaming pass in bounded memory.
 *
 * <p>Rules, in journal order, the first one broken wins: every document matches the digest chain; only
 * a SEAL may follow END, and only directly; nothing follows the SEAL; the SEAL names END's link and its
 * own position; with a key the SEAL's algorithm is the key's and its value verifies over the link
 * recomputed here (not the one the SEAL states); with a key a keyless ({@code none}) SEAL is refused. A
 * journal whose chain holds but that ends before a SEAL, or whose tail cannot be read, is truncated;
 * so is one whose last document fails the chain because it reads as cut off (it ends in zeros where
 * its link belongs, {@link JournalReader#lastFailureLooksCut()}), since a file copied or cut part-way
 * reads like that, and calling it truncated concedes no more than the lost document.
 */
public final class JournalVerifier {

    private final SealKey key;
    private Fields header;
    private long events;
    private long endPosition = -1;
    private byte[] endLink;
    private String sealAlgorithm;
    private long sealPosition = -1;

    private JournalVerifier(SealKey key) {
        this.key = key;
    }

    /**
     * Verifies the journal in {@code dir}; {@code key} may be null (then a keyed seal is
     * {@link Verdict.Status#UNVERIFIED}). Throws a {@link JournalException} when {@code dir} holds no
     * journal, or its first document is not a readable header of a known format version.
     */
    public static Verdict verify(Path dir, SealKey key) {
        return new JournalVerifier(key).run(dir);
    }

    private Verdict run(Path dir) {
        try (JournalReader reader = JournalReader.open(dir).allowEncryptedWithoutKey()) {
            try {
                header = reader.readHeader();
            } catch (TamperedJournalException e) {
                return Verdict.tampered(e.document(), e.getMessage(), 0, null);
            }
            JournalDocument doc;
            try {
                while ((doc = reader.next()) != null) {
                    Verdict bad = check(doc, reader.position() - 1, reader);
                    if (bad != null) {
                        return bad;
                    }
                }
            } catch (TamperedJournalException e) {
                if (sealPosition < 0 && reader.lastFailureLooksCut() && nothingAfter(reader)) {
                    return Verdict.truncated(e.document() - 1, events, header);
                }
                return Verdict.tampered(e.document(), e.getMessage(), events, header);
            } catch (CorruptJournalException e) {
                if (sealPosition >= 0) {
                    long at = reader.position();
                    return Verdict.tampered(at, "document " + at + " follows the seal and cannot be read", events, header);
                }
                return Verdict.truncated(reader.position() - 1, events, header);
            }
            long documents = reader.position();
            if (sealPosition < 0) {
                return Verdict.truncated(documents - 1, events, header);
            }
            if (key == null && !JournalSeal.NONE.equals(sealAlgorithm)) {
                return Verdict.unverified(sealAlgorithm, documents, events, header);
            }
            return Verdict.intact(sealAlgorithm, documents, events, header);
        }
    }

    /** True when no document follows the one that just failed (the reader's chain is broken by now). */
    private static boolean nothingAfter(JournalReader reader) {
        try {
            return reader.next() == null;
        } catch (TamperedJournalException another) {
            return false;
        } catch (CorruptJournalException unreadable) {
            return true;
        }
    }

    /** Null when {@code doc} at {@code position} is in order, else the tampered verdict. */
    private Verdict check(JournalDocument doc, long position, JournalReader reader) {
        if (sealPosition >= 0) {
            return tampered(position, "follows the seal: nothing may be written after it");
        }
        switch (doc.type()) {
            case END:
                if (endPosition >= 0) {
                    return tampered(position, "is a second end document");
                }
                endPosition = position;
                endLink = reader.link();
                return null;
            case SEAL:
                if (endPosition != position - 1) {
                    return tampered(position, "is a seal that does not directly follow the end document");
                }
                sealPosition = position;
                return checkSeal(doc, position);
            case BLOCK:
                if (endPosition < 0) {
                    events += doc.blockCount();
                    return null;
                }
                return tampered(position, "follows the end document");
            default:
                return endPosition < 0 ? null : tampered(position, "follows the end document");
        }
    }

    private Verdict checkSeal(JournalDocument doc, long position) {
        Fields seal;
        try {
            seal = doc.fields();
        } catch (RuntimeException e) {
            return tampered(position, "is a seal that cannot be read");
        }
        String algorithm = seal.get(JournalSeal.ALGORITHM);
        if (!JournalSeal.NONE.equals(algorithm) && !JournalSeal.HMAC_SHA256.equals(algorithm)
            && !JournalSeal.ED25519.equals(algorithm)) {
            return tampered(position, "is a seal with unknown algorithm '" + algorithm + "'");
        }
        if (!HexFormat.of().formatHex(endLink).equals(seal.get(JournalSeal.LINK))) {
            return tampered(position, "is a seal over another chain link than the end document's");
        }
        if (seal.getLong(JournalSeal.DOCUMENTS, -1) != position) {
            return tampered(position, "is a seal for " + seal.get(JournalSeal.DOCUMENTS) + " documents, not " + position);
        }
        sealAlgorithm = algorithm;
        if (key == null) {
            return null;
        }
        if (JournalSeal.NONE.equals(algorithm)) {
            return tampered(position, "is a seal without a key (algorithm none), but a key was given");
        }
        if (!key.algorithm().equals(algorithm)) {
            return tampered(position, "is a seal made with " + algorithm + ", but the key given is for " + key.algorithm());
        }
        byte[] value;
        try {
            value = HexFormat.of().parseHex(seal.get(JournalSeal.VALUE, ""));
        } catch (IllegalArgumentException e) {
            return tampered(position, "is a seal whose value is not hexadecimal");
        }
        if (!key.verifies(endLink, value)) {
            return tampered(position, "is a seal that does not verify with this key (a wrong key, or the journal was "
                + "altered and its chain recomputed)");
        }
        return null;
    }

    private Verdict tampered(long position, String why) {
        return Verdict.tampered(position, "document " + position + " " + why, events, header);
    }
}
