package dev.airlock.format;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes the object values of events into byte strings and back: strings as UTF-8, maps through Kryo
 * with registered classes, host addresses as name and bytes. Not thread-safe: one per thread.
 */
public final class PayloadCodec {

    private final Kryo kryo = new Kryo();
    private final Output output = new Output(1024, -1);

    public PayloadCodec() {
        kryo.setRegistrationRequired(true);
        kryo.register(LinkedHashMap.class, 10);
        kryo.register(String.class, 11);
    }

    public static byte[] string(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    public static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** A map in its iteration order; replay hands back an unmodifiable map with the same order. */
    public byte[] map(Map<String, String> map) {
        if (map == null) {
            return null;
        }
        output.reset();
        kryo.writeObject(output, new LinkedHashMap<>(map));
        return output.toBytes();
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> map(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try (Input in = new Input(bytes)) {
            return Collections.unmodifiableMap(kryo.readObject(in, LinkedHashMap.class));
        } catch (RuntimeException e) {
            throw new CorruptJournalException("a recorded map cannot be decoded: " + e.getMessage(), e);
        }
    }

    /** The result of {@code InetAddress.getLocalHost()}: the address, or the exception it threw. */
    public static byte[] host(InetAddress address, Exception failure) {
        ByteSink out = new ByteSink(64);
        if (address != null) {
            out.writeByte(0).writeString(address.getHostName()).writeBytes(address.getAddress());
        } else {
            out.writeByte(1).writeString(failure.getMessage());
        }
        return out.toByteArray();
    }

    public static InetAddress host(byte[] bytes) throws UnknownHostException {
        Varints.Reader in = new Varints.Reader();
        in.reset(bytes, 0, bytes.length);
        if (in.readByte() == 1) {
            throw new UnknownHostException(Fields.readString(in));
        }
        String name = Fields.readString(in);
        return InetAddress.getByAddress(name, in.readBytes());
    }

    /**
     * A host-name resolution: the name asked for, then each address (its host name as the JDK holds it,
     * never looked up again, and its raw bytes), or the exception's class and message.
     */
    public static byte[] hosts(String host, InetAddress[] addresses, Exception failure) {
        ByteSink out = new ByteSink(64);
        out.writeString(host == null ? "" : host);
        if (addresses != null) {
            out.writeByte(0).writeUnsigned(addresses.length);
            for (InetAddress a : addresses) {
                String text = a.toString();
                out.writeString(text.substring(0, Math.max(0, text.indexOf('/')))).writeBytes(a.getAddress());
            }
        } else {
            FailureListener.recording(failure);
            out.writeByte(1).writeString(failure.getClass().getName()).writeString(String.valueOf(failure.getMessage()));
        }
        return out.toByteArray();
    }

    /** The host name a resolution asked for. */
    public static String hostsQuery(byte[] bytes) {
        Varints.Reader in = new Varints.Reader();
        in.reset(bytes, 0, bytes.length);
        return Fields.readString(in);
    }

    public static InetAddress[] hosts(byte[] bytes) throws UnknownHostException {
        Varints.Reader in = new Varints.Reader();
        in.reset(bytes, 0, bytes.length);
        Fields.readString(in);
        if (in.readByte() == 1) {
            Fields.readString(in);
            throw new UnknownHostException(Fields.readString(in));
        }
        long count = in.readUnsigned();
        if (count < 0 || count > bytes.length) {
            throw new CorruptJournalException("a host resolution names more addresses than it holds");
        }
        InetAddress[] out = new InetAddress[(int) count];
        for (int i = 0; i < out.length; i++) {
            String name = Fields.readString(in);
            out[i] = InetAddress.getByAddress(name.isEmpty() ? null : name, in.readBytes());
        }
        return out;
    }

    /** For {@code airlock events}: {@code name -> a, b} or {@code name failed: message}. */
    public static String describeHosts(byte[] bytes) {
        try {
            InetAddress[] all = hosts(bytes);
            StringBuilder b = new StringBuilder(hostsQuery(bytes)).append(" ->");
            for (InetAddress a : all) {
                b.append(' ').append(a.getHostAddress());
            }
            return b.toString();
        } catch (UnknownHostException e) {
            return hostsQuery(bytes) + " failed: " + e.getMessage();
        }
    }
}
