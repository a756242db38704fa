package dev.airlock.bridge;

import java.io.IOException;
import java.lang.invoke.MethodHandle;

/**
 * The terminal echo switch {@code Console.readPassword} turns off and on: {@code java.io.Console.echo}
 * on Java 17, {@code jdk.internal.io.JdkConsoleImpl.echo} on later JDKs. Found on first use, since the
 * agent opens the package to the bridge only after this class may have been loaded.
 */
final class ConsoleNatives {

    private static MethodHandle echo;

    private ConsoleNatives() {
    }

    /** Sets the terminal's echo and returns whether it was on, as the JDK's native does. */
    static boolean echo(boolean on) throws IOException {
        MethodHandle h = echo;
        if (h == null) {
            h = JdkLookup.statik(JdkLookup.type("jdk.internal.io.JdkConsoleImpl"), "echo", boolean.class, boolean.class);
            if (h == null) {
                h = JdkLookup.statik(java.io.Console.class, "echo", boolean.class, boolean.class);
            }
            if (h == null) {
                throw new IOException("this JDK has no console echo switch Airlock knows");
            }
            echo = h;
        }
        try {
            return (boolean) h.invokeExact(on);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }
}
