package dev.airlock.examples;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * An application with its own Kryo (5.4.0, not the 5.6.2 that Airlock shades inside its agent):
 * serializes a small map holding a random UUID and the current time, reads it back and prints it.
 *
 * <p>Expected output: {@code id:}, {@code timestamp:}, {@code round trip equal: true} and
 * {@code kryo jar: kryo-5.4.0.jar}, the jar Kryo was loaded from (its manifest carries no
 * Implementation-Version). The id and timestamp differ between plain runs; a replay reproduces them
 * and still shows the application's own Kryo jar. Exits with code 0.
 */
public final class KryoUser {

    private KryoUser() {
    }

    public static void main(String[] args) throws URISyntaxException {
        Map<String, Object> original = new HashMap<>();
        original.put("id", UUID.randomUUID().toString());
        original.put("timestamp", System.currentTimeMillis());

        Kryo kryo = new Kryo();
        kryo.register(HashMap.class);
        Output output = new Output(256, -1);
        kryo.writeObject(output, original);
        Map<?, ?> copy = kryo.readObject(new Input(output.toBytes()), HashMap.class);

        System.out.println("id: " + copy.get("id"));
        System.out.println("timestamp: " + copy.get("timestamp"));
        System.out.println("round trip equal: " + original.equals(copy));
        Path kryoJar = Path.of(Kryo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        System.out.println("kryo jar: " + kryoJar.getFileName());
    }
}
