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
}
