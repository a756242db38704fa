package dev.airlock.format;

import java.util.ArrayList;
import java.util.List;

/** Encodes and decodes the bodies of the small journal documents: sites and threads. */
public final class DocumentCodec {

    /** Block flag: the block starts a chunk, so delta bases start again from zero. */
    public static final int BLOCK_CHUNK_START = 1;

    private DocumentCodec() {
    }

    static byte[] document(DocType type, byte[] body) {
        byte[] doc = new byte[body.length + 1];
        doc[0] = (byte) type.code();
        System.arraycopy(body, 0, doc, 1, body.length);
        return doc;
    }

    static byte[] encodeSites(List<CallSite> sites) {
        ByteSink out = new ByteSink(64 * sites.size());
        out.writeUnsigned(sites.size());
        for (CallSite s : sites) {
            out.writeUnsigned(s.id());
            out.writeByte(s.kind().code());
            out.writeString(s.className());
            out.writeString(s.method());
            out.writeString(s.descriptor());
            out.writeUnsigned(s.ordinal());
            out.writeSigned(s.line());
            out.writeString(s.sourceFile());
        }
        return out.toByteArray();
    }

    static List<CallSite> decodeSites(Varints.Reader in) {
        long n = in.readUnsigned();
        List<CallSite> sites = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            int id = (int) in.readUnsigned();
            int code = in.readByte();
            EventKind kind = EventKind.ofCode(code);
            if (kind == null) {
                throw new CorruptJournalException("call site " + id + " has unknown event kind " + code);
            }
            sites.add(new CallSite(id, kind, Fields.readString(in), Fields.readString(in), Fields.readString(in),
                (int) in.readUnsigned(), (int) in.readSigned(), Fields.readString(in)));
        }
        return sites;
    }

    static byte[] encodeThread(ThreadInfo t) {
        return new ByteSink(64).writeUnsigned(t.id()).writeString(t.path()).writeString(t.name())
            .writeByte(t.daemon() ? 1 : 0).toByteArray();
    }

    static ThreadInfo decodeThread(Varints.Reader in) {
        return new ThreadInfo((int) in.readUnsigned(), Fields.readString(in), Fields.readString(in), in.readByte() == 1);
    }
}
